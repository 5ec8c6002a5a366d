package dev.ptrace.analyze.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a test class: two cores, nothing on the network, no web UI; the disk
 * also as {@code otherdisk://}, a file system that is not the local one.
 */
final class SparkTests {
    private SparkTests() {
    }

    static SparkSession session(Class<?> testClass) {
        return SparkSession.builder().master("local[2]").appName(testClass.getSimpleName())
                .config("spark.ui.enabled", false)
                .config("spark.driver.host", "localhost")
                .config("spark.driver.bindAddress", "127.0.0.1")
                // a few hundred rows: Spark's 200 shuffle partitions would be 200 tasks each
                .config("spark.sql.shuffle.partitions", 2)
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.datetime.java8API.enabled", true)
                .config("spark.hadoop.fs." + OtherDiskFileSystem.SCHEME + ".impl",
                        OtherDiskFileSystem.class.getName())
                .getOrCreate();
    }
}
