package dev.ptrace.analyze.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as the rows of a table of tables.tsv. The build checks it against the table
 * (codegen's RowWriterProcessor: component per column, in order, named as the column in camel
 * case, of a type that holds it) and, when a RowBuilder holds every column, generates
 * {@code <Record>Writer.write(RowBuilder, row)}; TableRows reads the mark at run time to
 * know the record was checked. A component that is itself a record stands for
 * its components (the event tables' common columns: {@code row.EventColumns}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RowOf {
    /** The table's name in tables.tsv. */
    String value();
}
