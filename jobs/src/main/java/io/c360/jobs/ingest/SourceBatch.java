package io.c360.jobs.ingest;

import io.c360.core.catalog.Contract;
import io.c360.core.catalog.Source;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One source's files as found on disk, their batch id, and the raw rows in the shape ingest checks: the columns of
 * {@code contract} (the source's, or the line rows of an orders file), {@code absent} those the files do not have.
 */
record SourceBatch(Source source, Contract contract, Path location, List<Path> files, String batchId,
                   Dataset<Row> raw, List<String> absent) {
}
