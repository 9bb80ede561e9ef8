/**
 * Transcoder admission and performance, as pure functions: the benchmark a transcoder registers with
 * ({@link io.livepeerpool.protocol.performance.Benchmark}), the policy that turns it into a session count or an
 * exclusion ({@link io.livepeerpool.protocol.performance.AdmissionPolicy}), and the latency window that watches real
 * work ({@link io.livepeerpool.protocol.performance.LatencyWindow}, {@link io.livepeerpool.protocol.performance.LatencyLimit}).
 * The gateway decides admissions with them and the performance topology decides exclusions with them; neither
 * Kafka, HTTP nor SQL is imported here.
 */
package io.livepeerpool.protocol.performance;
