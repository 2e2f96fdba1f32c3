package org.radarbeam.source;

import java.io.Serializable;

/** A file pattern to list for one source: a local path, directory or glob, or an s3:// glob. */
public record SourcePattern(String source, String pattern) implements Serializable {}
