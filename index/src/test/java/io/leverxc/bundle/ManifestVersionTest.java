package io.leverxc.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestVersionTest {
  @TempDir Path folder;
  private Path bundle;
  private Path manifestFile;

  @BeforeEach
  void writeBundle() {
    bundle = folder.resolve("model");
    try (BundleWriter writer = BundleWriter.create(bundle)) {
      writer.putInts("ids", new int[] {1}).setManifest(BundleRoundTripTest.sampleManifest()).commit();
    }
    manifestFile = bundle.resolve("manifest.json");
  }

  private String openFails() {
    BundleFormatException error = assertThrows(BundleFormatException.class, () -> BundleReader.open(bundle));
    assertTrue(error.getMessage().startsWith(manifestFile.toString()), error.getMessage());
    return error.getMessage();
  }

  private void editManifest(String from, String to) throws IOException {
    String json = Files.readString(manifestFile);
    assertTrue(json.contains(from), json);
    Files.writeString(manifestFile, json.replace(from, to));
  }

  @Test
  void newerFormatVersionNamesSupportedVersions() throws IOException {
    editManifest("\"formatVersion\" : 1", "\"formatVersion\" : 2");
    String message = openFails();
    assertTrue(message.contains("bundle format version 2 is newer than this Lever-XC"), message);
    assertTrue(message.contains("(supported: 1)"), message);
  }

  @Test
  void unknownFormatVersionIsRejected() throws IOException {
    editManifest("\"formatVersion\" : 1", "\"formatVersion\" : 0");
    String message = openFails();
    assertTrue(message.contains("bundle format version 0 is unknown (supported: 1)"), message);
  }

  @Test
  void nonIntegerFormatVersionIsRejected() throws IOException {
    editManifest("\"formatVersion\" : 1", "\"formatVersion\" : \"1\"");
    assertTrue(openFails().endsWith(": invalid manifest at field 'formatVersion': expected a whole number, found \"1\""));
  }

  @Test
  void unknownTopLevelFieldIsRejected() throws IOException {
    editManifest("\"formatVersion\" : 1,", "\"formatVersion\" : 1, \"quantization\" : \"int8\",");
    String message = openFails();
    assertTrue(message.contains("unknown field 'quantization'"), message);
    assertTrue(message.contains("newer Lever-XC"), message);
  }

  @Test
  void missingBundleIdIsRejected() throws IOException {
    String json = Files.readString(manifestFile).replaceFirst("\"bundleId\" : \"[^\"]+\",", "");
    Files.writeString(manifestFile, json);
    assertTrue(openFails().contains("field 'bundleId': expected a value, found none"));
  }

  @Test
  void blankBundleIdIsRejected() throws IOException {
    String json = Files.readString(manifestFile).replaceFirst("\"bundleId\" : \"[^\"]+\"", "\"bundleId\" : \"  \"");
    Files.writeString(manifestFile, json);
    String message = openFails();
    assertTrue(message.contains("field 'bundleId': expected a value, found a blank string"), message);
  }

  @Test
  void pathInFileTableIsRejected() throws IOException {
    editManifest("\"ids\" : {", "\"../ids\" : {");
    String message = openFails();
    assertTrue(message.contains("file table: invalid bundle array name '../ids'"), message);
  }

  @Test
  void invalidJsonIsRejected() throws IOException {
    Files.writeString(manifestFile, "{\"formatVersion\" : 1,");
    assertEquals(manifestFile + ": invalid JSON at line 1, column 22: the object is not closed", openFails());
  }

  @Test
  void secondJsonValueIsRejected() throws IOException {
    Files.writeString(manifestFile, Files.readString(manifestFile) + "\n{}");
    String message = openFails();
    assertTrue(message.startsWith(manifestFile + ": invalid JSON: only one JSON value is allowed, found more after line "),
        message);
  }

  @Test
  void missingManifestIsRejected() throws IOException {
    Files.delete(manifestFile);
    assertTrue(openFails().contains("missing manifest"));
  }

  @Test
  void wrongSectionTypeNamesTheField() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) json.readTree(manifestFile.toFile());
    ((ObjectNode) manifest.get("settings")).putArray("index").add(1);
    json.writeValue(manifestFile.toFile(), manifest);

    String message = openFails();

    assertEquals(manifestFile + ": invalid manifest at field 'settings.index': expected an object, found an array", message);
  }

  @Test
  void wrongFieldTypeIsNamedInPlainWords() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) json.readTree(manifestFile.toFile());
    manifest.putArray("leverXcVersion").add("1.0");
    json.writeValue(manifestFile.toFile(), manifest);

    String message = openFails();

    assertEquals(manifestFile + ": invalid manifest at field 'leverXcVersion': expected a string, found an array", message);
  }

  @Test
  void looseNumbersAreRejected() throws IOException {
    String json = Files.readString(manifestFile);
    String[][] cases = {
      {"\"labelCount\" : 3.5", "invalid manifest at field 'labelCount': "},
      {"\"labelCount\" : \"3\"", "invalid manifest at field 'labelCount': "},
      {"\"labelCount\" : 3, \"labelCount\" : 3", "invalid JSON at line "},
    };
    for (String[] edit : cases) {
      Files.writeString(manifestFile, json.replaceFirst("\"labelCount\" : \\d+", edit[0]));

      String message = openFails();

      assertTrue(message.startsWith(manifestFile + ": " + edit[1]), edit[0] + " gave " + message);
    }
  }

  @Test
  void missingLabelCountIsNamed() throws IOException {
    Files.writeString(manifestFile, Files.readString(manifestFile).replaceFirst("\"labelCount\" : \\d+,", ""));

    assertEquals(
        manifestFile + ": invalid manifest at field 'labelCount': expected a number, found none (the field is missing)",
        openFails());
  }
}
