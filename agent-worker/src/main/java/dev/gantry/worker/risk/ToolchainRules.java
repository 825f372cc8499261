package dev.gantry.worker.risk;

import java.util.List;
import java.util.Set;

/**
 * What reaches other people through the project's tools: pushing to the repository's remote (force-pushing or
 * deleting its default branch above all), publishing packages and images, and installing packages.
 */
final class ToolchainRules {

    /** The names a repository's default branch has in practice; the worker cannot ask the remote. */
    private static final Set<String> DEFAULT_BRANCHES = Set.of("main", "master", "trunk", "default", "HEAD");
    private static final Set<String> GIT_VALUED_OPTIONS = Set.of("-C", "-c", "--git-dir", "--work-tree", "--namespace");
    private static final Set<String> JS_MANAGERS = Set.of("npm", "pnpm", "yarn", "bun");
    private static final Set<String> PYTHON_PUBLISHERS = Set.of("poetry", "flit", "hatch", "pdm", "uv");
    private static final Set<String> SYSTEM_MANAGERS = Set.of("apt", "apt-get", "aptitude", "yum", "dnf", "zypper",
            "apk", "pacman", "brew", "snap", "port", "conda", "mamba", "micromamba", "choco", "pipx", "pip", "pip3",
            "gem", "cargo", "go");
    private static final Set<String> INSTALLS = Set.of("install", "i", "add", "ci", "upgrade", "remove", "uninstall",
            "purge", "erase", "del", "autoremove");

    private ToolchainRules() {
    }

    static Rating rate(ShellCommand c) {
        String program = c.program();
        String sub = c.subcommand();
        List<String> operands = c.operands();
        if (program.equals("git")) {
            return git(c);
        }
        if ((JS_MANAGERS.contains(program) && (operands.contains("publish") || operands.contains("unpublish")))
                || (Set.of("cargo", "gem").contains(program) && Set.of("publish", "push", "yank", "owner").contains(sub))
                || (program.equals("twine") && sub.equals("upload"))
                || (PYTHON_PUBLISHERS.contains(program) && sub.equals("publish"))
                || (Set.of("docker", "podman", "buildah", "helm").contains(program) && sub.equals("push"))
                || (Set.of("vsce", "ovsx").contains(program) && sub.equals("publish"))
                || (program.equals("dotnet") && operands.size() > 1 && operands.get(1).equals("push"))
                || (program.equals("gh") && operands.size() > 1 && ((sub.equals("release")
                        && Set.of("create", "upload").contains(operands.get(1))) || (sub.equals("repo")
                        && operands.get(1).equals("delete"))))) {
            return Rating.high("publishes to a package registry or a public place (" + program + " " + sub + ")");
        }
        if (Set.of("mvn", "mvnw").contains(program) && operands.stream().anyMatch(o -> o.equals("deploy")
                || o.startsWith("deploy:") || o.equals("release:perform"))) {
            return Rating.high("deploys artifacts to a remote repository (" + program + " deploy)");
        }
        if (Set.of("gradle", "gradlew").contains(program) && operands.stream()
                .anyMatch(o -> o.startsWith("publish") && !o.equals("publishToMavenLocal"))) {
            return Rating.high("publishes artifacts to a remote repository (" + program + " publish)");
        }
        if (Set.of("docker", "podman").contains(program) && sub.equals("run") && c.has((char) 0, "--privileged")) {
            return Rating.high("runs a container with every privilege of the host (" + program + " run --privileged)");
        }
        if (Set.of("npx", "pnpx", "bunx", "uvx").contains(program) || (program.equals("pnpm") && sub.equals("dlx"))) {
            return Rating.medium("downloads and runs a package (" + program + ")");
        }
        if ((SYSTEM_MANAGERS.contains(program) || JS_MANAGERS.contains(program) || PYTHON_PUBLISHERS.contains(program))
                && (INSTALLS.contains(sub) || (program.equals("yarn") && operands.isEmpty())
                        || (program.equals("pacman") && (c.has('S') || c.has('R'))) || (program.equals("uv")
                        && operands.size() > 1 && sub.equals("pip") && INSTALLS.contains(operands.get(1))))) {
            boolean global = c.has('g', "--global");
            return Rating.medium((global ? "installs or removes packages globally (" : "installs or removes packages (")
                    + program + " " + (operands.isEmpty() ? "" : sub) + ")");
        }
        return Rating.LOW;
    }

    /** {@code git}: force-pushing or deleting the default branch is HIGH, any other push MEDIUM. */
    private static Rating git(ShellCommand c) {
        List<String> args = c.args();
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            i += GIT_VALUED_OPTIONS.contains(args.get(i)) ? 2 : 1;
        }
        if (i >= args.size()) {
            return Rating.LOW;
        }
        ShellCommand sub = new ShellCommand(args.get(i), args.subList(i + 1, args.size()), c.redirects(),
                c.substitutions(), c.privilege(), c.argumentsFromInput());
        return switch (sub.program()) {
            case "push" -> push(sub);
            case "reset" -> sub.has((char) 0, "--hard") ? Rating.medium("discards uncommitted changes (git reset --hard)")
                    : Rating.LOW;
            case "clean" -> sub.has('f', "--force") && (sub.has('d') || sub.has('x'))
                    ? Rating.medium("deletes untracked files (git clean)") : Rating.LOW;
            case "filter-branch", "filter-repo" -> Rating.medium("rewrites the repository's history (git " + sub.program() + ")");
            default -> Rating.LOW;
        };
    }

    private static Rating push(ShellCommand push) {
        if (push.has((char) 0, "--mirror")) {
            return Rating.high("overwrites every branch of the remote (git push --mirror)");
        }
        List<String> operands = push.operands();
        List<String> refspecs = operands.size() > 1 ? operands.subList(1, operands.size()) : List.of();
        boolean delete = push.has('d', "--delete");
        boolean force = push.has('f', "--force", "--force-with-lease", "--force-if-includes")
                || refspecs.stream().anyMatch(r -> r.startsWith("+"));
        for (String refspec : refspecs) {
            String target = branch(refspec);
            if (DEFAULT_BRANCHES.contains(target) && (delete || refspec.startsWith(":"))) {
                return Rating.high("deletes the default branch on the remote (git push … " + refspec + ")");
            }
            if (DEFAULT_BRANCHES.contains(target) && force) {
                return Rating.high("force-pushes the default branch, rewriting its history on the remote (git push --force … "
                        + target + ")");
            }
        }
        if (force && (refspecs.isEmpty() || push.has((char) 0, "--all"))) {
            return Rating.high("force-pushes without naming a branch, so possibly the default one (git push --force)");
        }
        if (force || delete || refspecs.stream().anyMatch(r -> r.startsWith(":"))) {
            return Rating.medium("rewrites or deletes a branch on the remote (git push " + String.join(" ", push.args()) + ")");
        }
        return Rating.medium("publishes commits to the remote (git push)");
    }

    /** The remote branch a refspec updates: {@code +HEAD:refs/heads/main} → {@code main}. */
    private static String branch(String refspec) {
        String target = refspec.startsWith("+") ? refspec.substring(1) : refspec;
        target = target.contains(":") ? target.substring(target.indexOf(':') + 1) : target;
        return target.startsWith("refs/heads/") ? target.substring("refs/heads/".length()) : target;
    }
}
