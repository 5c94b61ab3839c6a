package io.c360.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The id of a batch: SHA-256 over each file's name, size and CRC32C of its bytes. The same files give the same
 * id wherever and whenever they are read, so re-ingesting a batch is recognised and skipped.
 */
final class BatchFingerprint {

  private BatchFingerprint() {
  }

  static String of(String source, Path dir, List<Path> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(source.getBytes(StandardCharsets.UTF_8));
      byte[] buffer = new byte[1 << 16];
      for (Path file : files) {
        CRC32C crc = new CRC32C();
        try (InputStream in = Files.newInputStream(file)) {
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            crc.update(buffer, 0, n);
          }
        }
        String name = dir.relativize(file).toString();
        digest.update((name + "\u0000" + Files.size(file) + "\u0000" + crc.getValue() + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 20);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
