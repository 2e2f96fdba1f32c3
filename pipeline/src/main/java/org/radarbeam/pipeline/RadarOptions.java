package org.radarbeam.pipeline;

/**
 * Every option of a radarbeam run, composed of one interface per concern. Beam's own options
 * (--runner, --jobName, ...) work alongside.
 */
public interface RadarOptions extends SourceOptions, ProviderOptions, S3StoreOptions, RenderOptions, CompositeOptions,
    RunOptions, LogOptions {}
