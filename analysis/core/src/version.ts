/** Recorded in every cache and report, so a finding can be traced to the build that made it. */
export const CHRONOSCOPE_VERSION = '0.1.0';
