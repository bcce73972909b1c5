package io.cobrowsebridge.simulator;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** The active fault rules, each with its own remaining-hits counter. */
final class Faults {

    private final List<ActiveFault> active = new CopyOnWriteArrayList<>();

    void add(FaultRule rule) {
        active.add(new ActiveFault(rule));
    }

    void clear() {
        active.clear();
    }

    List<FaultRule> rules() {
        return active.stream().map(f -> f.rule).toList();
    }

    /**
     * Applies the matching rules in the order they were added: a latency-only rule slows the requests its dice picks
     * (they are then served normally, e.g. after the client gave up); a failure rule sleeps its latency, then, if its
     * dice hits, answers (status) or drops (hang) the request; the first failure that hits ends the request.
     *
     * @return true when a fault has answered or dropped the request
     */
    boolean apply(HttpCall call) throws IOException, InterruptedException {
        for (ActiveFault fault : active) {
            FaultRule rule = fault.rule;
            if (!rule.matches(call.method(), call.path()) || !fault.claimHit()) {
                continue;
            }
            boolean hasFailure = rule.hangMs() > 0 || rule.status() > 0;
            if (!hasFailure) {
                // a latency-only rule: the dice decides whether this request is slow; it is then served normally
                if (rule.latencyMs() > 0 && diceHits(rule.failureRate())) {
                    Thread.sleep(rule.latencyMs());
                }
                continue;
            }
            if (rule.latencyMs() > 0) {
                Thread.sleep(rule.latencyMs());
            }
            if (!diceHits(rule.failureRate())) {
                continue;
            }
            if (rule.hangMs() > 0) {
                Thread.sleep(rule.hangMs());
                call.abort();
                return true;
            }
            call.body(); // read the upload first so the client sees the status, not a broken pipe
            if (rule.retryAfterSeconds() > 0) {
                call.setHeader("Retry-After", Integer.toString(rule.retryAfterSeconds()));
            }
            call.sendError(new ApiError(rule.status(), "error.simulator.injectedFault",
                    "Fault injected by the OneSpan simulator"));
            return true;
        }
        return false;
    }

    private static boolean diceHits(double rate) {
        return rate >= 1.0 || (rate > 0.0 && ThreadLocalRandom.current().nextDouble() < rate);
    }

    private static final class ActiveFault {
        final FaultRule rule;
        final AtomicInteger remaining;

        ActiveFault(FaultRule rule) {
            this.rule = rule;
            this.remaining = new AtomicInteger(rule.times());
        }

        /** Takes one hit from the budget; false when the budget is used up. */
        boolean claimHit() {
            if (rule.times() == FaultRule.UNLIMITED) {
                return true;
            }
            int left;
            do {
                left = remaining.get();
                if (left <= 0) {
                    return false;
                }
            } while (!remaining.compareAndSet(left, left - 1));
            return true;
        }
    }
}
