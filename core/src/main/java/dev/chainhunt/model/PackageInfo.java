package dev.chainhunt.model;

/** What a target says it is: ecosystem, name and version (either may be null when unknown). */
public record PackageInfo(Ecosystem ecosystem, String name, String version) {

    public static final PackageInfo UNKNOWN = new PackageInfo(Ecosystem.UNKNOWN, null, null);
}
