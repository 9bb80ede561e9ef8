package io.livepeerpool.payout.worker;

/** Test seam: the crash tests stop the process (SIGKILL from outside) at these points of a payout transaction. */
public interface CrashPoint {
    /** After the intent is committed, before the broadcast. */
    String AFTER_INTENT = "after-intent";
    /** After the broadcast, before anything else is recorded. */
    String AFTER_BROADCAST = "after-broadcast";
    /** The transaction is mined and confirmed; its outcomes are not recorded yet. */
    String BEFORE_OUTCOME = "before-outcome";

    CrashPoint NONE = point -> { };

    void reached(String point);
}
