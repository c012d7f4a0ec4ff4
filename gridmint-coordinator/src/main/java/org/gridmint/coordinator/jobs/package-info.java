/** Jobs from the client's side: submit, list, inspect, cancel, logs and results; and how task changes move jobs. */
package org.gridmint.coordinator.jobs;
