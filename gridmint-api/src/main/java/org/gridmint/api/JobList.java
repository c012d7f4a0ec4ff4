package org.gridmint.api;

import java.util.List;

/** A page of jobs, newest first, without their tasks. */
public record JobList(List<JobView> jobs) {}
