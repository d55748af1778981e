package dev.streamsuite.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void pagesReturnEveryItemOnceInOrder() {
        List<String> all = List.of("u-3", "u-10", "u-1", "ü-2", "u-2");
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Page<String> page = Page.of(all, Comparator.naturalOrder(), Function.identity(), after, 2, "");
            seen.addAll(page.items());
            after = Page.decodeCursor(page.nextCursor(), "");
            pages++;
        } while (after != null);
        assertThat(seen).containsExactly("u-1", "u-10", "u-2", "u-3", "ü-2");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void lastFullPageHasNoCursor() {
        Page<String> page = Page.of(List.of("a", "b"), Comparator.naturalOrder(), Function.identity(), null, 2, "");
        assertThat(page.items()).containsExactly("a", "b");
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void malformedCursorIsABadRequest() {
        // not base64url; too short for the checksum; a sort key without it ("cGctMQ" is "pg-1"); a cursor cut short,
        // one with a character changed, one padded: none of them encodeCursor's output
        String valid = Page.encodeCursor("user-42", "");
        for (String cursor : List.of("***", "garbage", "YWJj", "cGctMQ", valid.substring(0, valid.length() - 1),
                valid.substring(0, 3) + (valid.charAt(3) == 'A' ? 'B' : 'A') + valid.substring(4), valid + "=")) {
            assertThatThrownBy(() -> Page.decodeCursor(cursor, "")).as(cursor).isInstanceOf(ApiException.class)
                    .hasMessageContaining("cursor");
        }
    }

    @Test
    void cursorRoundTripsAnyKey() {
        for (String key : List.of("u-1", "", "ü-😀", "a b/c?d")) {
            assertThat(Page.decodeCursor(Page.encodeCursor(key, ""), "")).as(key).isEqualTo(key);
        }
    }

    @Test
    void aCursorBelongsToItsScope() {
        Page<String> page = Page.of(List.of("a", "b", "c"), Comparator.naturalOrder(), Function.identity(), null, 1, "w-1");

        assertThat(Page.decodeCursor(page.nextCursor(), "w-1")).isEqualTo("a");
        assertThatThrownBy(() -> Page.decodeCursor(page.nextCursor(), "w-2")).isInstanceOf(ApiException.class)
                .hasMessageContaining("for this query");
        assertThatThrownBy(() -> Page.decodeCursor(page.nextCursor(), "")).isInstanceOf(ApiException.class);
    }
}
