package io.livepeerpool.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicIsNamedOnceAndCarriesItsClassSchema() {
        Set<String> names = new HashSet<>();
        for (TopicSpec<?> topic : Topics.all()) {
            assertThat(names.add(topic.name())).as("duplicate topic %s", topic.name()).isTrue();
            assertThat(topic.valueSubject()).isEqualTo(topic.name() + "-value");
            assertThat(topic.valueSchema())
                    .isEqualTo(SpecificData.getForClass(topic.valueType()).getSchema(topic.valueType()));
        }
    }
}
