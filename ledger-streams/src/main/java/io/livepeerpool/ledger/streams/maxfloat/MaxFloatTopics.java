package io.livepeerpool.ledger.streams.maxfloat;

import io.livepeerpool.schemas.topics.Topics;

/** The topics max float reads and writes: the catalogue's, or suffixed copies for tests and the bench. */
public record MaxFloatTopics(String chainEvents, String redemptionIntents, String redemptions, String maxFloat) {

    public static MaxFloatTopics catalogue() {
        return new MaxFloatTopics(Topics.CHAIN_EVENTS.name(), Topics.REDEMPTION_INTENTS.name(),
                Topics.REDEMPTIONS.name(), Topics.MAX_FLOAT.name());
    }

    public MaxFloatTopics withSuffix(String suffix) {
        return new MaxFloatTopics(chainEvents + "-" + suffix, redemptionIntents + "-" + suffix,
                redemptions + "-" + suffix, maxFloat + "-" + suffix);
    }
}
