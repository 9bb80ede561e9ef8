package io.livepeerpool.redeemer.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import io.livepeerpool.redeemer.grpc.proto.MaxFloatReq;
import io.livepeerpool.redeemer.grpc.proto.MaxFloatUpdate;
import io.livepeerpool.redeemer.grpc.proto.QueueTicketRes;
import io.livepeerpool.redeemer.grpc.proto.Redeemer;
import io.livepeerpool.redeemer.grpc.proto.Ticket;
import io.livepeerpool.redeemer.grpc.proto.TicketExpirationParams;
import io.livepeerpool.redeemer.grpc.proto.TicketParams;
import io.livepeerpool.redeemer.grpc.proto.TicketSenderParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proto files are go-livepeer's wire contract (LIVEPEER.md): names, numbers and types, field by field. */
class WireContractTest {

    @Test
    void theServiceIsNetTicketRedeemerWithItsThreeMethods() {
        var service = Redeemer.getDescriptor().findServiceByName("TicketRedeemer");

        assertThat(service.getFullName()).isEqualTo("net.TicketRedeemer");
        assertThat(service.getMethods().stream().map(WireContractTest::signature)).containsExactly(
                "QueueTicket(net.Ticket) net.QueueTicketRes",
                "MaxFloat(net.MaxFloatReq) net.MaxFloatUpdate",
                "MonitorMaxFloat(net.MaxFloatReq) stream net.MaxFloatUpdate");
    }

    @Test
    void everyFieldHasGoLivepeersNumberAndType() {
        assertFields(Ticket.getDescriptor(), "ticket_params=1 net.TicketParams", "sender=2 bytes",
                "expiration_params=3 net.TicketExpirationParams", "sender_params=4 net.TicketSenderParams", "recipient_rand=5 bytes");
        assertFields(TicketParams.getDescriptor(), "recipient=1 bytes", "face_value=2 bytes", "win_prob=3 bytes",
                "recipient_rand_hash=4 bytes", "seed=5 bytes", "expiration_block=6 bytes", "expiration_params=7 net.TicketExpirationParams");
        assertFields(TicketSenderParams.getDescriptor(), "sender_nonce=1 uint32", "sig=2 bytes");
        assertFields(TicketExpirationParams.getDescriptor(), "creation_round=1 int64", "creation_round_block_hash=2 bytes");
        assertFields(MaxFloatReq.getDescriptor(), "sender=1 bytes");
        assertFields(MaxFloatUpdate.getDescriptor(), "max_float=1 bytes");
        assertFields(QueueTicketRes.getDescriptor());
        assertThat(Ticket.getDescriptor().getFile().getPackage()).isEqualTo("net");
        assertThat(TicketParams.getDescriptor().getFile().getName()).isEqualTo("net/lp_rpc.proto");
        assertThat(Ticket.getDescriptor().getFile().getName()).isEqualTo("net/redeemer.proto");
    }

    private static void assertFields(Descriptor message, String... expected) {
        List<String> fields = message.getFields().stream().map(WireContractTest::field).toList();
        assertThat(fields).as(message.getFullName()).containsExactly(expected);
    }

    private static String field(FieldDescriptor f) {
        String type = f.getType() == FieldDescriptor.Type.MESSAGE ? f.getMessageType().getFullName()
                : f.getType().name().toLowerCase(java.util.Locale.ROOT);
        return f.getName() + "=" + f.getNumber() + " " + type;
    }

    private static String signature(MethodDescriptor m) {
        return m.getName() + "(" + m.getInputType().getFullName() + ") " + (m.isServerStreaming() ? "stream " : "")
                + m.getOutputType().getFullName();
    }
}
