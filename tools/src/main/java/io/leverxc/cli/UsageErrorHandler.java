package io.leverxc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Prints a command-line parse error (an unknown option, a value of the wrong type, a missing
 * required option) on one line that starts with the full command name, as {@link UserErrorHandler}
 * does for errors found later. A mistyped option name is followed by the closest names
 * ({@link OptionSuggestions}), and a mistyped command name by the closest command names. Without a
 * suggestion, the command's synopsis follows, and where to find the rest. The full help is not
 * repeated, because dozens of option lines after the error push the error itself off the screen.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(CommandLine.ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    CommandSpec spec = commandLine.getCommandSpec();
    PrintWriter err = commandLine.getErr();
    String name = spec.qualifiedName();
    List<String> unmatched = commandLine.getUnmatchedArguments();
    boolean hasSubcommands = !commandLine.getSubcommands().isEmpty();
    List<String> beforeName = new ArrayList<>();
    for (CommandLine parent = commandLine.getParent(); parent != null; parent = parent.getParent()) {
      beforeName.addAll(0, parent.getUnmatchedArguments());
    }
    if (!beforeName.isEmpty()) {
      // picocli reports the command's own error first, so words given before its name would go unmentioned.
      err.println(name + ": " + quoted(beforeName) + (beforeName.size() > 1 ? " were" : " was")
          + " given before the command name and not read; put options after '" + name + "'");
    }
    boolean suggested;
    if (hasSubcommands && !unmatched.isEmpty() && !isOption(unmatched.get(0))) {
      // Most likely a mistyped command name. The words after it are that command's options, so only
      // the name is reported.
      List<String> close = OptionSuggestions.closest(unmatched.get(0), commandLine.getSubcommands().keySet());
      List<String> commands = new ArrayList<>();
      for (String suggestion : close) {
        commands.add("'" + name + " " + suggestion + "'");
      }
      err.println(name + ": unknown command '" + unmatched.get(0) + "'"
          + (commands.isEmpty() ? "" : " (did you mean " + String.join(" or ", commands) + "?)"));
      suggested = !commands.isEmpty();
    } else if (!unmatched.isEmpty()) {
      // picocli checks required options before unknown ones, so "--dta x" alone would report only a
      // missing --data. The unknown option is usually the cause, so it comes first, with its suggestion.
      Set<String> suggestions = new LinkedHashSet<>();
      err.println(name + ": " + unmatchedMessage(unmatched, afterEndOfOptions(args), spec, suggestions));
      suggested = !suggestions.isEmpty();
      if (exception instanceof CommandLine.MissingParameterException missing) {
        printMissing(err, name, missing.getMissing(), suggestions);
      }
    } else if (exception instanceof CommandLine.MissingParameterException missing) {
      suggested = false;
      printMissing(err, name, missing.getMissing(), Set.of());
    } else {
      err.println(name + ": " + exception.getMessage());
      suggested = false;
    }
    if (!suggested) {
      CommandLine.Help help = commandLine.getHelp();
      err.print(help.synopsisHeading());
      err.print(help.synopsis(help.synopsisHeadingLength()));
      String contents = hasSubcommands ? "its commands and options" : "what each option sets";
      err.println("Run '" + name + " --help' for " + contents + ".");
    }
    err.flush();
    return spec.exitCodeOnInvalidInput();
  }

  private static String quoted(List<String> arguments) {
    List<String> quoted = new ArrayList<>();
    for (String argument : arguments) {
      quoted.add("'" + argument + "'");
    }
    return String.join(", ", quoted);
  }

  /** Returns true for an option name, false for a word or a negative number such as "-5". */
  private static boolean isOption(String argument) {
    return argument.length() > 1 && argument.charAt(0) == '-' && !Character.isDigit(argument.charAt(1))
        && argument.charAt(1) != '.';
  }

  /** Returns how many arguments follow the first "--", which picocli takes as words, not options. */
  private static int afterEndOfOptions(String[] args) {
    int end = Arrays.asList(args).indexOf("--");
    return end < 0 ? 0 : args.length - end - 1;
  }

  /** Prints the required options that are missing, leaving out those suggested for a mistyped one. */
  private static void printMissing(PrintWriter err, String name, List<ArgSpec> missing, Set<String> suggestions) {
    List<String> stillMissing = new ArrayList<>();
    for (ArgSpec arg : missing) {
      if (arg instanceof OptionSpec option) {
        if (!suggestions.contains(option.longestName())) {
          stillMissing.add(option.longestName());
        }
      } else {
        stillMissing.add(arg.paramLabel());
      }
    }
    if (!stillMissing.isEmpty()) {
      err.println(name + ": missing required option" + (stillMissing.size() > 1 ? "s " : " ")
          + String.join(", ", stillMissing));
    }
  }

  /**
   * Returns the message for the unmatched arguments: the unknown options, each with the closest
   * option names (added to {@code suggestions}), then the unexpected words. A word right after an
   * unknown option without "=" is taken as its value and left out. The last {@code words}
   * arguments followed "--" and are words whatever they look like.
   */
  private static String unmatchedMessage(List<String> unmatched, int words, CommandSpec spec, Set<String> suggestions) {
    List<String> names = optionNames(spec);
    List<String> options = new ArrayList<>();
    List<String> stray = new ArrayList<>();
    int firstWord = unmatched.size() - Math.min(words, unmatched.size());
    for (int i = 0; i < unmatched.size(); i++) {
      String argument = unmatched.get(i);
      if (i < firstWord && isOption(argument)) {
        List<String> closest = OptionSuggestions.closest(argument, names);
        suggestions.addAll(closest);
        options.add("'" + argument + "'"
            + (closest.isEmpty() ? "" : " (did you mean " + String.join(" or ", closest) + "?)"));
      } else if (i == 0 || i >= firstWord || !isOption(unmatched.get(i - 1)) || unmatched.get(i - 1).contains("=")) {
        stray.add("'" + argument + "'");
      }
    }
    List<String> parts = new ArrayList<>();
    if (!options.isEmpty()) {
      parts.add("unknown option" + (options.size() > 1 ? "s " : " ") + String.join(", ", options));
    }
    if (!stray.isEmpty()) {
      parts.add("unexpected argument" + (stray.size() > 1 ? "s " : " ") + String.join(", ", stray)
          + " (this command takes options only)");
    }
    return String.join("; ", parts);
  }

  /** Returns every name of every option of {@code spec}, with the "--no-" form of negatable ones. */
  private static List<String> optionNames(CommandSpec spec) {
    Set<String> names = new LinkedHashSet<>();
    for (OptionSpec option : spec.options()) {
      names.addAll(Arrays.asList(option.names()));
      if (option.negatable()) {
        for (String optionName : option.names()) {
          String negated = spec.negatableOptionTransformer().makeNegative(optionName, spec);
          if (negated != null) {
            names.add(negated);
          }
        }
      }
    }
    return new ArrayList<>(names);
  }
}
