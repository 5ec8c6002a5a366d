package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;
import java.time.Instant;

/** A row of {@code derivations}: one derivation of a trace, kept, and what it was made from. */
@RowOf("derivations")
public record DerivationRow(int traceId, String unit, String outputs, String inputs,
                            String toolVersion, Instant derivedAt, long rows) {
    public static final TableRows<DerivationRow> ROWS =
            TableRows.of(Tables.DERIVATIONS, DerivationRow.class);
}
