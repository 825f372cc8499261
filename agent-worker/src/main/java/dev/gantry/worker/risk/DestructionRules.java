package dev.gantry.worker.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Commands that destroy or weaken what is outside the project: deleting the filesystem, the home directory or the
 * workspace whole, formatting disks, writing devices, system files or {@code ~/.ssh}, opening permissions to everyone,
 * stopping the machine, changing users and firewalls.
 */
final class DestructionRules {

    private static final Set<String> DISK_TOOLS = Set.of("mkfs", "mke2fs", "mkswap", "wipefs", "fdisk", "sfdisk",
            "parted", "gdisk", "sgdisk", "cfdisk", "blkdiscard");
    private static final Set<String> POWER = Set.of("shutdown", "reboot", "halt", "poweroff");
    private static final Set<String> ACCOUNTS = Set.of("useradd", "userdel", "usermod", "adduser", "deluser", "passwd",
            "chpasswd", "groupadd", "groupdel", "visudo");
    private static final Set<String> KERNEL = Set.of("modprobe", "insmod", "rmmod");
    private static final Set<String> SYSTEMCTL_STOPS = Set.of("poweroff", "reboot", "halt", "stop", "disable", "mask",
            "kill", "isolate", "rescue", "emergency");
    private static final Pattern OCTAL_MODE = Pattern.compile("[0-7]{3,4}");

    private DestructionRules() {
    }

    static Rating rate(ShellCommand c, Scope scope) {
        String program = c.program();
        Rating rating = writes(c, scope);
        if (DISK_TOOLS.contains(program) || program.startsWith("mkfs.")) {
            return rating.or(Rating.high("formats or repartitions a disk (" + program + ")"));
        }
        if (POWER.contains(program) || (program.matches("init|telinit") && c.operands().contains("0"))
                || (program.equals("systemctl") && SYSTEMCTL_STOPS.contains(c.subcommand()))) {
            return rating.or(Rating.high("stops the machine or its services (" + program + ")"));
        }
        if (ACCOUNTS.contains(program)) {
            return rating.or(Rating.high("changes the system's users or passwords (" + program + ")"));
        }
        if (KERNEL.contains(program) || (program.equals("sysctl") && (c.has('w', "--write")
                || c.operands().stream().anyMatch(o -> o.contains("="))))) {
            return rating.or(Rating.high("changes the kernel (" + program + ")"));
        }
        return rating.or(switch (program) {
            case "rm" -> remove(c, scope);
            case "shred" -> c.operands().stream().anyMatch(o -> scope.kind(o) == PathKind.DEVICE)
                    ? Rating.high("destroys a device's data (shred)") : Rating.medium("destroys files beyond recovery (shred)");
            case "dd" -> c.args().stream().filter(a -> a.startsWith("of=")).map(a -> written(a.substring(3), scope))
                    .reduce(Rating.LOW, Rating::or);
            case "chmod" -> permissions(c, scope);
            case "chown", "chgrp" -> c.has('R', "--recursive") && c.operands().stream().skip(1)
                    .anyMatch(o -> isBeyondProject(scope.kind(o)))
                    ? Rating.high("changes the owner of system or home files recursively (" + program + " -R)") : Rating.LOW;
            case "mv" -> c.operands().stream().limit(Math.max(0, c.operands().size() - 1))
                    .anyMatch(o -> isBeyondProject(scope.kind(o)))
                    ? Rating.high("moves away the filesystem, the home directory or system files (mv)") : Rating.LOW;
            case "find" -> find(c, scope);
            case "iptables", "ip6tables" -> c.has('F', "--flush") || c.has('X', "--delete-chain")
                    ? Rating.high("clears the firewall rules (" + program + ")") : Rating.medium("changes the firewall");
            case "nft" -> c.operands().contains("flush") || c.operands().contains("delete")
                    ? Rating.high("clears the firewall rules (nft)") : Rating.medium("changes the firewall");
            case "ufw" -> c.subcommand().equals("disable") ? Rating.high("turns the firewall off (ufw disable)") : Rating.LOW;
            case "kill" -> c.operands().contains("-1") || (c.args().size() > 1 && c.args().get(c.args().size() - 1).equals("-1"))
                    ? Rating.high("kills every process it may (kill -1)") : Rating.LOW;
            case "killall", "pkill" -> Rating.medium("stops processes by name (" + program + ")");
            case "crontab" -> c.has('l') ? Rating.LOW : Rating.medium("schedules commands (crontab)");
            case "mount", "umount" -> Rating.medium("changes what is mounted (" + program + ")");
            default -> Rating.LOW;
        });
    }

    /** {@code rm}: the filesystem, a home directory, system files or the whole workspace are HIGH. */
    private static Rating remove(ShellCommand c, Scope scope) {
        boolean recursive = c.has('r', "--recursive") || c.has('R');
        if (c.has((char) 0, "--no-preserve-root")) {
            return Rating.high("deletes the whole filesystem (rm --no-preserve-root)");
        }
        Rating rating = recursive && c.argumentsFromInput()
                ? Rating.medium("deletes directory trees it reads from its input (xargs rm -r)") : Rating.LOW;
        for (String target : c.operands()) {
            String shown = (recursive ? "rm -r " : "rm ") + target;
            rating = rating.or(switch (scope.kind(target)) {
                case ROOT -> Rating.high("deletes the whole filesystem (" + shown + ")");
                case HOME -> Rating.high("deletes the home directory (" + shown + ")");
                case SSH -> Rating.high("deletes SSH keys (" + shown + ")");
                case SYSTEM, DEVICE -> Rating.high("deletes system files (" + shown + ")");
                case WORKSPACE -> recursive ? Rating.high("deletes the whole workspace (rm -r " + target + ")") : Rating.LOW;
                case OUTSIDE -> Rating.medium("deletes files outside the workspace (rm " + target + ")");
                case UNKNOWN -> recursive ? Rating.medium("deletes a directory tree named only when it runs (rm -r "
                        + target + ")") : Rating.LOW;
                case INSIDE -> recursive ? Rating.medium("deletes a directory tree (rm -r " + target + ")") : Rating.LOW;
                case TEMPORARY, HARMLESS_DEVICE -> Rating.LOW;
            });
        }
        return rating;
    }

    /** {@code find … -delete}: what it deletes depends on where it starts. */
    private static Rating find(ShellCommand c, Scope scope) {
        if (!c.args().contains("-delete")) {
            return Rating.LOW;
        }
        List<String> starts = new ArrayList<>();
        for (String arg : c.args()) {
            if (arg.startsWith("-") || arg.equals("!") || arg.equals("(")) {
                break;
            }
            starts.add(arg);
        }
        return starts.stream().anyMatch(s -> isBeyondProject(scope.kind(s)) || scope.kind(s) == PathKind.WORKSPACE)
                ? Rating.high("deletes files across the filesystem, the home directory or the workspace (find -delete)")
                : Rating.medium("deletes the files it finds (find -delete)");
    }

    /** {@code chmod}: everyone may write (777), setuid, or a recursive change of system files. */
    private static Rating permissions(ShellCommand c, Scope scope) {
        List<String> operands = c.operands();
        if (operands.isEmpty()) {
            return Rating.LOW;
        }
        String mode = operands.get(0);
        boolean recursive = c.has('R', "--recursive");
        boolean everyoneWrites = OCTAL_MODE.matcher(mode).matches()
                ? (mode.charAt(mode.length() - 1) - '0' & 2) != 0
                : mode.matches(".*(^|,)(a|[ug]*o[ug]*)[+=][rwxXst]*w.*");
        boolean setuid = OCTAL_MODE.matcher(mode).matches() ? mode.length() == 4 && (mode.charAt(0) - '0' & 6) != 0
                : mode.matches(".*[+=][rwxXt]*s.*");
        if (recursive && everyoneWrites) {
            return Rating.high("lets everyone write a whole directory tree (chmod -R " + mode + ")");
        }
        if (setuid) {
            return Rating.high("makes a program run as its owner (setuid, chmod " + mode + ")");
        }
        if (recursive && operands.stream().skip(1).anyMatch(o -> isBeyondProject(scope.kind(o)))) {
            return Rating.high("changes permissions of system or home files recursively (chmod -R)");
        }
        return everyoneWrites ? Rating.medium("lets everyone write files (chmod " + mode + ")") : Rating.LOW;
    }

    /** Files the command writes: redirections, tee, cp, mv, install, ln, sed -i, truncate, curl -o, wget -O... */
    private static Rating writes(ShellCommand c, Scope scope) {
        List<String> targets = new ArrayList<>();
        c.redirects().stream().filter(ShellSyntax.Redirect::writes).map(ShellSyntax.Redirect::target).forEach(targets::add);
        List<String> operands = c.operands();
        switch (c.program()) {
            case "tee", "truncate" -> targets.addAll(operands);
            case "cp", "mv", "install", "ln", "rsync" -> {
                List<String> into = c.values("-t", "--target-directory");
                if (!into.isEmpty()) {
                    targets.addAll(into);
                } else if (operands.size() > 1) {
                    targets.add(operands.get(operands.size() - 1));
                }
            }
            case "sed", "perl" -> {
                if (c.has('i', "--in-place")) {
                    targets.addAll(c.values("-e", "--expression").isEmpty() ? operands.stream().skip(1).toList() : operands);
                }
            }
            case "curl" -> targets.addAll(c.values("-o", "--output"));
            case "wget" -> targets.addAll(c.values("-O", "--output-document"));
            case "ssh-keygen" -> {
                List<String> files = c.values("-f");
                targets.addAll(files.isEmpty() && !c.has('l') && !c.has('F') && !c.has('R') && !c.has('y')
                        ? List.of("~/.ssh/id_") : files);
            }
            default -> {
                // the command writes no file it names
            }
        }
        return targets.stream().map(t -> written(t, scope)).reduce(Rating.LOW, Rating::or);
    }

    private static Rating written(String target, Scope scope) {
        if (PathKind.isShellStartupFile(target)) {
            return Rating.medium("changes a shell startup file, run at every login (" + target + ")");
        }
        return switch (scope.kind(target)) {
            case SSH -> Rating.high("writes into ~/.ssh (" + target + ")");
            case DEVICE -> Rating.high("writes raw data to a device (" + target + ")");
            case SYSTEM, ROOT -> Rating.high("writes system files (" + target + ")");
            case OUTSIDE, HOME -> Rating.medium("writes outside the workspace (" + target + ")");
            case WORKSPACE, INSIDE, TEMPORARY, HARMLESS_DEVICE, UNKNOWN -> Rating.LOW;
        };
    }

    private static boolean isBeyondProject(PathKind kind) {
        return kind == PathKind.ROOT || kind == PathKind.HOME || kind == PathKind.SYSTEM || kind == PathKind.SSH
                || kind == PathKind.DEVICE;
    }
}
