package dev.gantry.worker.condenser;

import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.contracts.command.CondenserSettings;

/**
 * The condenser one conversation runs with: its settings' choices over the installation's.
 *
 * @param maxSize   condense once the view holds more events than this
 * @param keepFirst events at the start never forgotten
 */
public record CondenserPolicy(CondenserMode mode, int maxSize, int keepFirst) {

    /**
     * The conversation's choice field by field, else the installation's. A user's small {@code maxSize} with the
     * installation's {@code keepFirst} may leave no room for a condensation: {@code keepFirst} is then lowered to
     * what fits, so the history is still kept within {@code maxSize}.
     */
    public static CondenserPolicy of(CondenserConfig installation, CondenserSettings chosen) {
        CondenserMode mode = chosen != null && chosen.mode() != null ? chosen.mode() : installation.mode();
        int maxSize = chosen != null && chosen.maxSize() != null ? chosen.maxSize() : installation.maxSize();
        int keepFirst = chosen != null && chosen.keepFirst() != null ? chosen.keepFirst() : installation.keepFirst();
        if (!CondenserSettings.leavesRoom(maxSize, keepFirst)) {
            keepFirst = Math.max(0, maxSize / 2 - 2);
        }
        return new CondenserPolicy(mode, maxSize, keepFirst);
    }
}
