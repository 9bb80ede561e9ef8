package io.livepeerpool.redeemer.queue;

import io.livepeerpool.protocol.address.Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The redeemer's queues: one per sender, oldest first (the order tickets were read), at most one redemption in flight
 * per sender, and a sender whose head must wait (a retry) is held back until its retry time. A ticket hash is queued
 * once, however often it is posted. Pure: no I/O, the caller passes the time.
 */
public final class TicketQueue {
    private final Map<Address, TreeMap<SourcePosition, QueuedTicket>> bySender = new HashMap<>();
    private final Map<String, QueuedTicket> byHash = new HashMap<>();
    private final Set<Address> inFlight = new HashSet<>();
    private final Map<Address, Long> retryAtMs = new HashMap<>();
    private final Map<Address, Integer> retries = new HashMap<>();

    /** Adds a ticket; false (and nothing changes) when a ticket with that hash is already queued. */
    public boolean add(QueuedTicket ticket) {
        if (byHash.containsKey(ticket.ticketHash())) {
            return false;
        }
        byHash.put(ticket.ticketHash(), ticket);
        bySender.computeIfAbsent(ticket.sender(), s -> new TreeMap<>()).put(ticket.position(), ticket);
        return true;
    }

    public boolean contains(String ticketHash) {
        return byHash.containsKey(ticketHash);
    }

    public Optional<QueuedTicket> get(String ticketHash) {
        return Optional.ofNullable(byHash.get(ticketHash));
    }

    /** Removes a ticket that has its outcome. */
    public void remove(String ticketHash) {
        QueuedTicket t = byHash.remove(ticketHash);
        if (t == null) {
            return;
        }
        TreeMap<SourcePosition, QueuedTicket> q = bySender.get(t.sender());
        q.remove(t.position());
        if (q.isEmpty()) {
            bySender.remove(t.sender());
            retryAtMs.remove(t.sender());
            retries.remove(t.sender());
        }
    }

    /** The oldest ticket of every sender with nothing in flight and no pending retry, in sender order. */
    public List<QueuedTicket> heads(long nowMs) {
        List<QueuedTicket> heads = new ArrayList<>();
        for (Map.Entry<Address, TreeMap<SourcePosition, QueuedTicket>> e : new TreeMap<>(bySender).entrySet()) {
            Address sender = e.getKey();
            if (inFlight.contains(sender) || retryAtMs.getOrDefault(sender, Long.MIN_VALUE) > nowMs) {
                continue;
            }
            heads.add(e.getValue().firstEntry().getValue());
        }
        return heads;
    }

    /** Every queued ticket of {@code sender}, oldest first. */
    public List<QueuedTicket> of(Address sender) {
        TreeMap<SourcePosition, QueuedTicket> q = bySender.get(sender);
        return q == null ? List.of() : List.copyOf(q.values());
    }

    public void markInFlight(Address sender) {
        inFlight.add(sender);
    }

    public void clearInFlight(Address sender) {
        inFlight.remove(sender);
    }

    public boolean isInFlight(Address sender) {
        return inFlight.contains(sender);
    }

    /** Holds {@code sender}'s queue back until {@code atMs}; returns how many retries in a row this sender has had. */
    public int retryAt(Address sender, long atMs) {
        retryAtMs.put(sender, atMs);
        return retries.merge(sender, 1, Integer::sum);
    }

    public int retriesOf(Address sender) {
        return retries.getOrDefault(sender, 0);
    }

    /** The head went through (redeemed or final): the sender's next ticket starts with a fresh backoff. */
    public void resetRetries(Address sender) {
        retries.remove(sender);
        retryAtMs.remove(sender);
    }

    /** Drops every ticket read from {@code partitions} that is not in flight (their new owner reads them again). */
    public List<QueuedTicket> dropPartitions(Collection<Integer> partitions) {
        List<QueuedTicket> dropped = new ArrayList<>();
        for (QueuedTicket t : List.copyOf(byHash.values())) {
            if (partitions.contains(t.position().partition())) {
                dropped.add(t);
                remove(t.ticketHash());
            }
        }
        return dropped;
    }

    public int size() {
        return byHash.size();
    }

    public int senders() {
        return bySender.size();
    }

    public int inFlightSenders() {
        return inFlight.size();
    }

    /** Positions of every queued ticket, for the offset tracker. */
    public Set<SourcePosition> positions() {
        TreeSet<SourcePosition> out = new TreeSet<>();
        byHash.values().forEach(t -> out.add(t.position()));
        return out;
    }
}
