package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** All packages of the simulated account, by id; creation order is kept through a sequence number. */
final class PackageStore {

    private final Map<String, SimulatedPackage> byId = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /** Stores a validated payload; {@code contents} maps document indexes to their bytes. */
    SimulatedPackage create(ObjectNode payload, Map<Integer, byte[]> contents) {
        while (true) {
            String id = Json.packageId();
            ObjectNode json = PackageDefaults.prepare(payload, id, Json.now());
            SimulatedPackage pkg = new SimulatedPackage(id, sequence.incrementAndGet(), json, contents);
            if (byId.putIfAbsent(id, pkg) == null) {
                return pkg;
            }
        }
    }

    Optional<SimulatedPackage> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    SimulatedPackage require(String id) {
        return find(id).orElseThrow(() ->
                ApiError.notFound("error.notFound.package", "Package " + id + " does not exist"));
    }

    List<SimulatedPackage> all() {
        return byId.values().stream().sorted(Comparator.comparingLong(SimulatedPackage::sequence)).toList();
    }

    boolean delete(String id) {
        return byId.remove(id) != null;
    }

    int size() {
        return byId.size();
    }

    void clear() {
        byId.clear();
    }
}
