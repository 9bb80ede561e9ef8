package io.livepeerpool.launcher.dev;

/**
 * A shell snippet that signs and posts a job when pasted. It computes timestamp, nonce and signature at paste time
 * with openssl, because a pre-computed signature would expire after 300 s and its nonce could be used only once. It
 * reads the current round from {@code /status} at paste time too: a fixed roundJob falls out of the ledger's round
 * window after a few rounds and the gateway answers 400 (0 when the gateway has not read the chain yet, which it
 * accepts). The read waits 2 s first: the projector writes the job to the read model a moment after the gateway
 * answers, and a read at once showed an empty list.
 */
final class SignedCurlExample {
    private SignedCurlExample() {
    }

    static String forJob(DevCredentials c, String transcoder) {
        String body = "{\"jobDetails\":{\"jobId\":\"demo-'$(date +%s%N)'\",\"transcoder\":\"" + transcoder
                + "\",\"pixels\":75254400,\"duration\":\"2.0\",\"profiles\":3,\"roundJob\":'$ROUND'}}";
        return String.join("\n",
                "ROUND=$(curl -sS --cacert " + c.certificateFile() + " " + c.gatewayUrl()
                        + "/status | grep -o '\"round\":[0-9]*' | cut -d: -f2 || true); ROUND=${ROUND:-0}",
                "BODY='" + body + "'",
                "TS=$(date +%s); NONCE=$(openssl rand -hex 16)",
                "SIG=$(printf 'POST\\n/recordTranscoderJob\\n%s\\n%s\\n%s' \"$TS\" \"$NONCE\" \"$(printf %s \"$BODY\" | sha256sum | cut -d' ' -f1)\" \\",
                "  | openssl dgst -sha256 -mac HMAC -macopt hexkey:" + c.secret() + " | sed 's/^.* //')",
                "curl -sS --cacert " + c.certificateFile() + " " + c.gatewayUrl() + "/recordTranscoderJob \\",
                "  -H 'Content-Type: application/json' -H 'X-Pool-Key-Id: " + c.keyId() + "' \\",
                "  -H \"X-Pool-Timestamp: $TS\" -H \"X-Pool-Nonce: $NONCE\" -H \"X-Pool-Signature: $SIG\" -d \"$BODY\"; echo",
                "sleep 2; curl -sS --cacert " + c.certificateFile() + " '" + c.gatewayUrl() + "/getTranscoderJobs?transcoderAddress=" + transcoder + "'; echo");
    }
}
