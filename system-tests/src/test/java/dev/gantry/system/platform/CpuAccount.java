package dev.gantry.system.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where a run's CPU went, in CPU seconds (user + system) from this account's start: each service's own, the
 * sandboxes' (the machine's niced time: only they run niced), PostgreSQL's and Redis' (their whole
 * process trees), the test's own (the load's clients), and the machine's busy time, so what none of them accounts
 * for shows as the rest. Read from {@code /proc}: a process's ended children count in its {@code cutime}/{@code
 * cstime} once reaped, so a tree's total is the sum over its live members of their own and their children's times.
 */
public final class CpuAccount {

    /** Linux's USER_HZ: the unit of /proc's CPU times on every architecture Gantry runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private record Stat(long ppid, String comm, long own, long children) {
    }

    private final long[] machineAtStart = machineTicks();
    /** What each (name, pid) had used when first seen in the first sweep; a process seen later counts from zero. */
    private final Map<String, Long> baseline = new HashMap<>();
    /** The last figure read of each (name, pid): a process that is gone keeps its last figure. */
    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    private final long self = ProcessHandle.current().pid();
    private boolean first = true;

    /** One sweep: the services named with their pids (and sandbox-manager's sandboxes), PostgreSQL, Redis, the test. */
    public synchronized void sample(Map<String, Long> services) {
        Map<Long, Stat> all = processes();
        Map<String, Long> now = new HashMap<>();
        services.forEach((name, pid) -> Optional.ofNullable(all.get(pid)).ifPresent(stat ->
                now.put(name + "@" + pid, stat.own())));
        all.forEach((pid, stat) -> {
            boolean root = !all.containsKey(stat.ppid()) || !all.get(stat.ppid()).comm().equals(stat.comm());
            if (root && stat.comm().equals("postgres")) {
                now.put("postgresql@" + pid, tree(all, pid));
            } else if (root && stat.comm().equals("redis-server")) {
                now.put("redis@" + pid, tree(all, pid));
            }
        });
        Optional.ofNullable(all.get(self)).ifPresent(stat -> now.put("the test (its clients)@" + self, stat.own()));
        now.forEach((key, ticks) -> latest.merge(key, ticks, Math::max));
        if (first) {
            baseline.putAll(now);
            first = false;
        }
    }

    /** CPU seconds by name since the first sweep, then the rest of the machine and its whole busy time. */
    public synchronized Map<String, Double> seconds() {
        Map<String, Double> seconds = new TreeMap<>();
        latest.forEach((key, ticks) -> seconds.merge(key.substring(0, key.lastIndexOf('@')),
                (ticks - baseline.getOrDefault(key, 0L)) / TICKS_PER_SECOND, Double::sum));
        long[] machine = machineTicks();
        double[] spent = new double[machine.length];
        for (int i = 0; i < machine.length; i++) {
            spent[i] = (machine[i] - machineAtStart[i]) / TICKS_PER_SECOND;
        }
        // user, nice, system, idle, iowait, irq, softirq, steal
        double busy = spent[0] + spent[1] + spent[2] + spent[5] + spent[6] + spent[7];
        double named = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        // the sandboxes, and they alone, run niced (gantry.sandbox.process.niceness, 10): the machine's nice time is theirs,
        // those halted included, whose processes' times no tree keeps (a killed bubblewrap leaves them to init)
        seconds.put("sandboxes (the machine's niced time)", spent[1]);
        seconds.put("(rest of the machine)", Math.max(0, busy - named - spent[1]));
        seconds.put("(machine busy)", busy);
        seconds.put("(machine busy: kernel, irq and softirq)", spent[2] + spent[5] + spent[6]);
        return seconds;
    }

    /** The CPU ticks of {@code root} and its descendants, the ended ones included. */
    private static long tree(Map<Long, Stat> all, long root) {
        long total = 0;
        for (Map.Entry<Long, Stat> entry : all.entrySet()) {
            long pid = entry.getKey();
            while (pid > 1 && pid != root && all.containsKey(pid)) {
                pid = all.get(pid).ppid();
            }
            if (pid == root) {
                total += entry.getValue().own() + entry.getValue().children();
            }
        }
        return total;
    }

    private static Map<Long, Stat> processes() {
        Map<Long, Stat> all = new HashMap<>();
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            for (Path process : proc.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                stat(process).ifPresent(stat -> all.put(Long.parseLong(process.getFileName().toString()), stat));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return all;
    }

    /** Fields of {@code /proc/<pid>/stat}; empty when the process is gone. */
    private static Optional<Stat> stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            // the command name (field 2) may hold spaces: count fields from after its closing parenthesis (field 3)
            List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            long own = Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
            long children = Long.parseLong(fields.get(13)) + Long.parseLong(fields.get(14));
            return Optional.of(new Stat(Long.parseLong(fields.get(1)), comm, own, children));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** The machine's ticks by kind (user, nice, system, idle, iowait, irq, softirq, steal), from {@code /proc/stat}. */
    private static long[] machineTicks() {
        try {
            return Arrays.stream(Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+"))
                    .skip(1).limit(8).mapToLong(Long::parseLong).toArray();
        } catch (IOException e) {
            return new long[8];
        }
    }
}
