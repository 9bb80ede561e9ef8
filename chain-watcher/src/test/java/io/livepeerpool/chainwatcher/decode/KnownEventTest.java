package io.livepeerpool.chainwatcher.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.contracts.ContractArtifact;
import io.livepeerpool.chainwatcher.chain.ContractRole;
import org.junit.jupiter.api.Test;

/** The topic0 of every watched event: LIVEPEER.md's values, and present in the compiled contracts' ABIs. */
class KnownEventTest {

    @Test
    void topicsAreLivepeersAndThoseOfTheCompiledContracts() {
        for (KnownEvent event : KnownEvent.values()) {
            String artifact = switch (event.contract()) {
                case TICKET_BROKER -> ContractArtifact.TICKET_BROKER;
                case ROUNDS_MANAGER -> ContractArtifact.ROUNDS_MANAGER;
                case BONDING_MANAGER -> ContractArtifact.BONDING_MANAGER;
            };
            assertThat(ContractArtifact.load(artifact).topic(event.eventName())).as(event.name()).isEqualTo(event.topic0());
        }
        assertThat(KnownEvent.allTopics()).doesNotHaveDuplicates().hasSize(11);
        assertThat(KnownEvent.of(ContractRole.TICKET_BROKER, KnownEvent.NEW_ROUND.topic0())).isEmpty();
        assertThat(KnownEvent.of(ContractRole.ROUNDS_MANAGER, KnownEvent.NEW_ROUND.topic0().toUpperCase().replace("0X", "0x")))
                .contains(KnownEvent.NEW_ROUND);
    }
}
