package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.lake.LakeCompactor;
import dev.ptrace.analyze.query.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ptrace-analyze compact --lake DIR}: each day-and-host folder's traces in one bundle. */
@Command(name = "compact")
final class CompactCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LakeOptions lake;

    @Override
    public Integer call() {
        if (lake.lake == null) {
            throw new UsageException("say which lake to compact: --lake DIR");
        }
        LakeCompactor.Compacted c = LakeCompactor.compact(lake.lake, lake.filter(null));
        spec.commandLine().getOut().printf("compacted %,d folder(s) of %,d trace(s)%n",
                c.folders(), c.traces());
        return ExitCodes.OK;
    }
}
