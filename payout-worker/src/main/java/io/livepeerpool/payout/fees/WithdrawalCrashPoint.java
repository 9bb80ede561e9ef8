package io.livepeerpool.payout.fees;

/** Test seam: the crash tests stop the process (SIGKILL from outside) at these points of a withdrawal. */
public interface WithdrawalCrashPoint {
    /** After the intent is committed, before the broadcast. */
    String AFTER_INTENT = "after-intent";
    /** After the broadcast, before anything else is recorded. */
    String AFTER_BROADCAST = "after-broadcast";
    /** The withdrawal is mined and confirmed; its closing record is not written yet. */
    String BEFORE_OUTCOME = "before-outcome";

    WithdrawalCrashPoint NONE = point -> { };

    void reached(String point);
}
