package io.livepeerpool.launcher.dev;

/**
 * A shell snippet that signs and posts a job when pasted. It computes timestamp, nonce and signature at paste time
 * with openssl, because a pre-computed signature would expire after 300 s and its nonce could be used only once.
 */
final class SignedCurlExample {
    private SignedCurlExample() {
    }

    static String forJob(DevCredentials c, String transcoder) {
        String body = "{\"jobDetails\":{\"jobId\":\"demo-'$(date +%s%N)'\",\"transcoder\":\"" + transcoder
                + "\",\"pixels\":75254400,\"duration\":\"2.0\",\"profiles\":3,\"roundJob\":1}}";
        return String.join("\n",
                "BODY='" + body + "'",
                "TS=$(date +%s); NONCE=$(openssl rand -hex 16)",
                "SIG=$(printf 'POST\\n/recordTranscoderJob\\n%s\\n%s\\n%s' \"$TS\" \"$NONCE\" \"$(printf %s \"$BODY\" | sha256sum | cut -d' ' -f1)\" \\",
                "  | openssl dgst -sha256 -mac HMAC -macopt hexkey:" + c.secret() + " | sed 's/^.* //')",
                "curl -sS --cacert " + c.certificateFile() + " " + c.gatewayUrl() + "/recordTranscoderJob \\",
                "  -H 'Content-Type: application/json' -H 'X-Pool-Key-Id: " + c.keyId() + "' \\",
                "  -H \"X-Pool-Timestamp: $TS\" -H \"X-Pool-Nonce: $NONCE\" -H \"X-Pool-Signature: $SIG\" -d \"$BODY\"; echo",
                "curl -sS --cacert " + c.certificateFile() + " '" + c.gatewayUrl() + "/getTranscoderJobs?transcoderAddress=" + transcoder + "'; echo");
    }
}
