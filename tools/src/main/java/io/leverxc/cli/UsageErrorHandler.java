package io.leverxc.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Prints a command-line parse error (an unknown option, a value of the wrong type, a missing
 * required option) on one line that starts with the full command name, as {@link UserErrorHandler}
 * does for errors found later. A suggestion for a mistyped name follows when picocli has one, and
 * otherwise the command's synopsis and where to find the rest. The full help is not repeated,
 * because dozens of option lines after the error push the error itself off the screen.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(CommandLine.ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String name = commandLine.getCommandSpec().qualifiedName();
    boolean suggested = false;
    // picocli checks required options before unknown ones, so "--dta x" alone would report only a missing
    // --data. The unknown option is usually the cause, so it comes first, with its suggestion.
    if (exception instanceof CommandLine.MissingParameterException && !commandLine.getUnmatchedArguments().isEmpty()) {
      CommandLine.UnmatchedArgumentException unknown =
          new CommandLine.UnmatchedArgumentException(commandLine, commandLine.getUnmatchedArguments());
      err.println(name + ": " + unknown.getMessage());
      suggested = CommandLine.UnmatchedArgumentException.printSuggestions(unknown, err);
    }
    err.println(name + ": " + exception.getMessage());
    if (!suggested && !CommandLine.UnmatchedArgumentException.printSuggestions(exception, err)) {
      CommandLine.Help help = commandLine.getHelp();
      err.print(help.synopsisHeading());
      err.print(help.synopsis(help.synopsisHeadingLength()));
      String contents = commandLine.getSubcommands().isEmpty() ? "what each option sets" : "its commands and options";
      err.println("Run '" + name + " --help' for " + contents + ".");
    }
    err.flush();
    return commandLine.getCommandSpec().exitCodeOnInvalidInput();
  }
}
