"""Extract, per article and pure: attribution rules -> candidates -> selection -> claims and quotes;
statement dates; numbers -> estimates."""
