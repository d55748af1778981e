package dev.streamsuite.fraud.topology;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests on a {@link FraudDriver}: each test creates {@link #fraud} on its own state directory; it is closed after. */
public abstract class FraudDriverTest {

    @TempDir
    protected Path stateDir;

    protected FraudDriver fraud;

    @AfterEach
    void closeDriver() {
        if (fraud != null) {
            fraud.close();
        }
    }
}
