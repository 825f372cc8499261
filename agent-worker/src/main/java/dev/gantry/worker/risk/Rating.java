package dev.gantry.worker.risk;

import dev.gantry.contracts.event.SecurityRisk;

/**
 * The analyzer's verdict on an action: a risk and the reason for it (the rule that matched), or LOW without a reason
 * when no rule did. UNKNOWN means the analyzer cannot tell (an MCP tool it does not know).
 */
public record Rating(SecurityRisk risk, String reason) {

    static final Rating LOW = new Rating(SecurityRisk.LOW, null);
    static final Rating UNKNOWN = new Rating(SecurityRisk.UNKNOWN, null);

    static Rating medium(String reason) {
        return new Rating(SecurityRisk.MEDIUM, reason);
    }

    static Rating high(String reason) {
        return new Rating(SecurityRisk.HIGH, reason);
    }

    /** The riskier of the two; on a tie, this one (the first reason found is kept). */
    Rating or(Rating other) {
        return other.risk.compareTo(risk) > 0 ? other : this;
    }

    /** The higher of two ratings, where UNKNOWN (no rating) loses to any rating. */
    static SecurityRisk higher(SecurityRisk a, SecurityRisk b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
