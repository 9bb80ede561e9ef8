package io.livepeerpool.gateway.registration;

import io.javalin.http.Context;
import io.livepeerpool.gateway.http.ApiError;
import io.livepeerpool.gateway.http.SignedRequest;
import io.livepeerpool.gateway.http.SignedRequests;
import io.livepeerpool.protocol.performance.Admission;
import io.livepeerpool.protocol.performance.AdmissionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /registerTranscoder}: the admission policy decides on the benchmark here, so the answer can say it,
 * and the registration is written with that decision; {@code 200} once Kafka acknowledged it. The performance
 * topology applies the recorded decision (it never decides again), so the answer and the status always agree.
 */
public final class RegistrationEndpoints {
    private static final Logger log = LoggerFactory.getLogger(RegistrationEndpoints.class);
    private final SignedRequests signed;
    private final RegistrationValidator validator;
    private final AdmissionPolicy policy;
    private final RegistrationPublisher publisher;

    public RegistrationEndpoints(SignedRequests signed, RegistrationValidator validator, AdmissionPolicy policy,
                                 RegistrationPublisher publisher) {
        this.signed = signed;
        this.validator = validator;
        this.policy = policy;
        this.publisher = publisher;
    }

    public void registerTranscoder(Context ctx) {
        SignedRequest request = signed.read(ctx);
        Registration registration = validator.validate(request.body()).orElseThrow(ApiError::invalid);
        Admission admission = policy.admit(registration.benchmark());
        publisher.publish(request, registration, admission);
        log.info("registered transcoder {} from {} (key {}): {} with {} session(s)", registration.transcoder(),
                request.key().orchestrator(), request.key().keyId(), admission.status(), admission.maxSessions());
        ctx.status(200).json(new Registered(registration.transcoder().hex(), admission.status(),
                admission.maxSessions(), admission.reason()));
    }

    /** {@code 200} body of {@code /registerTranscoder}. */
    record Registered(String transcoder, String status, int maxSessions, String reason) {
    }
}
