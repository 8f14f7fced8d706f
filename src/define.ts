/** Registers every discret element. */
