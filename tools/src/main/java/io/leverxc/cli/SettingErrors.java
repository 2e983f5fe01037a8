package io.leverxc.cli;

import java.util.Map;

/**
 * Renames the setting in a settings error to the command-line option that sets it. Settings
 * records report "batchSize must be in [2, 1048576]", while the user typed --batch-size.
 */
final class SettingErrors {
  private SettingErrors() {}

  /**
   * Returns {@code error} with its first word replaced by the option of that setting, or
   * {@code error} itself when the first word is not a key of {@code optionOfSetting}.
   */
  static IllegalArgumentException withOptionName(IllegalArgumentException error, Map<String, String> optionOfSetting) {
    String message = String.valueOf(error.getMessage());
    String setting = message.split(" ", 2)[0];
    String option = optionOfSetting.get(setting);
    if (option == null) {
      return error;
    }
    return new IllegalArgumentException(option + message.substring(setting.length()), error);
  }
}
