package io.leverxc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Prints a command-line parse error (an unknown option, a value of the wrong type, a missing
 * required option) on one line that starts with the full command name, as {@link UserErrorHandler}
 * does for errors found later. A mistyped option name is followed by the closest names
 * ({@link OptionSuggestions}). Without a suggestion, the command's synopsis follows, and where to
 * find the rest. The full help is not repeated, because dozens of option lines after the error
 * push the error itself off the screen.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(CommandLine.ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String name = commandLine.getCommandSpec().qualifiedName();
    List<String> unmatched = commandLine.getUnmatchedArguments();
    boolean suggested;
    if (unmatched.stream().anyMatch(UsageErrorHandler::isOption)) {
      // picocli checks required options before unknown ones, so "--dta x" alone would report only a
      // missing --data. The unknown option is usually the cause, so it comes first, with its suggestion.
      Set<String> suggestions = new LinkedHashSet<>();
      err.println(name + ": " + unknownOptions(unmatched, commandLine.getCommandSpec(), suggestions));
      suggested = !suggestions.isEmpty();
      if (exception instanceof CommandLine.MissingParameterException missing) {
        List<String> stillMissing = new ArrayList<>();
        for (CommandLine.Model.ArgSpec arg : missing.getMissing()) {
          if (!(arg instanceof OptionSpec option && suggestions.contains(option.longestName()))) {
            stillMissing.add(arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel());
          }
        }
        if (!stillMissing.isEmpty()) {
          err.println(name + ": missing required option" + (stillMissing.size() > 1 ? "s " : " ")
              + String.join(", ", stillMissing));
        }
      }
    } else {
      err.println(name + ": " + exception.getMessage());
      suggested = CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
    }
    if (!suggested) {
      CommandLine.Help help = commandLine.getHelp();
      err.print(help.synopsisHeading());
      err.print(help.synopsis(help.synopsisHeadingLength()));
      String contents = commandLine.getSubcommands().isEmpty() ? "what each option sets" : "its commands and options";
      err.println("Run '" + name + " --help' for " + contents + ".");
    }
    err.flush();
    return commandLine.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static boolean isOption(String argument) {
    return argument.startsWith("-") && argument.length() > 1;
  }

  /**
   * Returns the message for the unknown options among {@code unmatched}, each with the closest
   * option names, which are added to {@code suggestions}. A word right after an unknown option is
   * taken as its value and left out; other stray words are listed as unexpected arguments.
   */
  private static String unknownOptions(
      List<String> unmatched, CommandLine.Model.CommandSpec spec, Set<String> suggestions) {
    List<String> names = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      names.add(option.longestName());
    }
    List<String> options = new ArrayList<>();
    List<String> stray = new ArrayList<>();
    for (int i = 0; i < unmatched.size(); i++) {
      String argument = unmatched.get(i);
      if (isOption(argument)) {
        List<String> closest = OptionSuggestions.closest(argument, names);
        suggestions.addAll(closest);
        options.add("'" + argument + "'"
            + (closest.isEmpty() ? "" : " (did you mean " + String.join(" or ", closest) + "?)"));
      } else if (i == 0 || !isOption(unmatched.get(i - 1))) {
        stray.add("'" + argument + "'");
      }
    }
    String message = "unknown option" + (options.size() > 1 ? "s " : " ") + String.join(", ", options);
    if (!stray.isEmpty()) {
      message += "; unexpected argument" + (stray.size() > 1 ? "s " : " ") + String.join(", ", stray);
    }
    return message;
  }
}
