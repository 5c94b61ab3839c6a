package io.c360.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The official nbformat 4.5 JSON schema (test resource) and a validator for it (networknt, draft 4). */
public final class NotebookSchema {

  private static final JsonSchema SCHEMA = load();

  private NotebookSchema() {
  }

  /** The schema violations of a notebook; empty when it is valid. */
  public static List<String> errors(JsonNode notebook) {
    return SCHEMA.validate(notebook).stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  private static JsonSchema load() {
    try (InputStream in = NotebookSchema.class.getResourceAsStream("/nbformat/nbformat.v4.5.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("test resource /nbformat/nbformat.v4.5.schema.json is missing");
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
