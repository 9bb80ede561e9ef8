-- pool bench ingest: the wrk script. Every request is signed as an orchestrator signs it, at send time: the current
-- Unix second, a nonce never used before (run prefix, wrk thread, counter) and HMAC-SHA256 over the canonical string
-- (see the gateway README). SHA-256 and HMAC come from the OpenSSL that wrk already links, through LuaJIT's FFI, so
-- signing costs the client a few microseconds and no pre-signed request is ever sent twice.
--
-- Arguments (after `--`): path keyId secretHex batchSize(0 = one job as {"jobDetails":..}) noncePrefix reportSeconds
-- Output (stdout, one line each): "progress <second> <answers> <non2xx>" every reportSeconds (0 = never),
-- "first-failure <status> <body>" once, and at the end
-- "result <requests> <durationMicros> <p50Micros> <p99Micros> <non2xx> <connect> <read> <write> <timeout> <cpuMicros>",
-- cpuMicros being the CPU time wrk itself used, all its threads (os.clock: the C library's clock(), process CPU time).
local ffi = require("ffi")
ffi.cdef [[
typedef struct evp_md_st EVP_MD;
const EVP_MD *EVP_sha256(void);
unsigned char *SHA256(const unsigned char *d, size_t n, unsigned char *md);
unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d, size_t n,
                    unsigned char *md, unsigned int *md_len);
]]
local C = ffi.C

local HEX = {}
for i = 0, 255 do
    HEX[i] = string.format("%02x", i)
end
local digest = ffi.new("unsigned char[32]")
local digestLength = ffi.new("unsigned int[1]")
local parts = {}
local function hex32()
    for i = 0, 31 do
        parts[i + 1] = HEX[digest[i]]
    end
    return table.concat(parts, "", 1, 32)
end

-- the bench's 1,000 transcoders: 0x followed by 40 hex digits
local TRANSCODERS = {}
for i = 0, 999 do
    TRANSCODERS[i] = "0x" .. string.rep("0", 36) .. string.format("%04x", 0x1000 + i)
end

-- main state: number the threads so that their nonces differ
local threads = {}
function setup(thread)
    thread:set("threadNumber", #threads)
    table.insert(threads, thread)
end

local path, keyId, secret, batchSize, prefix, reportSeconds, sha256
-- globals, so that done() can read them with thread:get
sent, answered, non2xx = 0, 0, 0
local nextReport, reportedFailure = 0, false

function init(args)
    path, keyId = args[1], args[2]
    secret = (args[3]:gsub("..", function(pair) return string.char(tonumber(pair, 16)) end))
    batchSize = tonumber(args[4])
    prefix = args[5] .. "t" .. tostring(threadNumber or 0) .. "n"
    reportSeconds = tonumber(args[6])
    sha256 = C.EVP_sha256()
    if reportSeconds > 0 then
        nextReport = os.time() + reportSeconds
    end
end

local function job(sequence, index)
    return '{"jobId":"bench-' .. prefix .. sequence .. "-" .. index .. '","transcoder":"'
        .. TRANSCODERS[(sequence * 31 + index) % 1000]
        .. '","pixels":75254400,"duration":"2.0","profiles":3,"roundJob":1}'
end

local jobs = {}
local function body(sequence)
    if batchSize == 0 then
        return '{"jobDetails":' .. job(sequence, 0) .. "}"
    end
    for i = 1, batchSize do
        jobs[i] = job(sequence, i)
    end
    return '{"jobs":[' .. table.concat(jobs, ",", 1, batchSize) .. "]}"
end

function request()
    sent = sent + 1
    local payload = body(sent)
    local timestamp = tostring(os.time())
    local nonce = prefix .. sent
    C.SHA256(payload, #payload, digest)
    local canonical = "POST\n" .. path .. "\n" .. timestamp .. "\n" .. nonce .. "\n" .. hex32()
    C.HMAC(sha256, secret, #secret, canonical, #canonical, digest, digestLength)
    return wrk.format("POST", path, {
        ["Content-Type"] = "application/json",
        ["X-Pool-Key-Id"] = keyId,
        ["X-Pool-Timestamp"] = timestamp,
        ["X-Pool-Nonce"] = nonce,
        ["X-Pool-Signature"] = hex32(),
    }, payload)
end

function response(status, headers, responseBody)
    answered = answered + 1
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
        if not reportedFailure then
            reportedFailure = true
            io.write("first-failure ", status, " ", (responseBody or ""):gsub("%s", " "):sub(1, 300), "\n")
            io.flush()
        end
    end
    if reportSeconds > 0 then
        local now = os.time()
        if now >= nextReport then
            io.write("progress ", now, " ", answered, " ", non2xx, "\n")
            io.flush()
            nextReport = nextReport + reportSeconds
        end
    end
end

function done(summary, latency, requests)
    local failed = 0
    for _, thread in ipairs(threads) do
        failed = failed + (thread:get("non2xx") or 0)
    end
    local e = summary.errors
    io.write(string.format("result %d %d %d %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
        latency:percentile(50), latency:percentile(99), failed, e.connect, e.read, e.write, e.timeout,
        math.floor(os.clock() * 1e6)))
end
