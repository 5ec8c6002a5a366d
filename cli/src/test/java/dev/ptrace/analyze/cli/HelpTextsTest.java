package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** help.properties holds every help text the commands show, and nothing they do not. */
class HelpTextsTest {
    private static final ResourceBundle HELP = ResourceBundle.getBundle(
            "dev.ptrace.analyze.cli.help");

    /** Every command with all its subcommands, as --help builds it. */
    private static List<CommandSpec> commands() {
        CommandLine root = PtraceAnalyzeCommand.commandLine(new String[] {"--help"});
        List<CommandSpec> all = new ArrayList<>(List.of(root.getCommandSpec()));
        root.getSubcommands().values().forEach(c -> all.add(c.getCommandSpec()));
        return all;
    }

    /** The keys picocli tries for an argument, its own command's qualified key first. */
    private static List<String> keysOf(CommandSpec command, ArgSpec arg) {
        List<String> plain = new ArrayList<>();
        if (!arg.descriptionKey().isEmpty()) {
            plain.add(arg.descriptionKey());
        } else if (arg instanceof OptionSpec o) {
            Stream.of(o.names()).map(n -> n.replaceFirst("^-+", "")).forEach(plain::add);
        } else {
            PositionalParamSpec p = (PositionalParamSpec) arg;
            plain.add(p.paramLabel() + "[" + p.index() + "]");
        }
        List<String> keys = new ArrayList<>();
        plain.forEach(k -> keys.add(command.qualifiedName(".") + "." + k));
        keys.addAll(plain);
        return keys;
    }

    @Test
    void everyCommandOptionAndParameterHasADescription() {
        for (CommandSpec c : commands()) {
            String[] description = c.usageMessage().description();
            assertTrue(description.length > 0 && !description[0].isBlank(), c.qualifiedName());
            for (ArgSpec arg : c.args()) {
                String[] text = arg.description();
                assertTrue(text.length > 0 && !text[0].isBlank(),
                        c.qualifiedName() + " " + arg + " has no help text");
            }
        }
    }

    @Test
    void everyKeyOfHelpPropertiesIsShownBySomeCommand() {
        Set<String> used = new TreeSet<>(List.of("usage.exitCodeListHeading",
                "usage.exitCodeList"));
        for (CommandSpec c : commands()) {
            used.add(c.qualifiedName(".") + ".usage.description");
            for (ArgSpec arg : c.args()) {
                keysOf(c, arg).stream().filter(HELP::containsKey).findFirst().ifPresent(used::add);
            }
        }
        Set<String> unused = new TreeSet<>();
        for (String key : HELP.keySet()) {
            if (!used.contains(key.replaceFirst("\\.\\d+$", ""))) {
                unused.add(key);
            }
        }
        assertEquals(Set.of(), unused, "keys no command reads");
        assertFalse(used.isEmpty());
    }
}
