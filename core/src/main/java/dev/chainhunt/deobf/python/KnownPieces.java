package dev.chainhunt.deobf.python;

import java.util.ArrayList;
import java.util.List;

/**
 * The known text of a string built from parts some of which are unknown (an f-string, a
 * {@code str.format}, a join): runs of known text become one piece each, an unknown part ends the
 * piece before it. What rules match as an unknown value's fragments.
 */
final class KnownPieces {

    private final List<String> pieces = new ArrayList<>();
    private final StringBuilder piece = new StringBuilder();

    /** Known text, joined to the piece in progress. */
    KnownPieces known(String text) {
        piece.append(text);
        return this;
    }

    /** An unknown part: the piece in progress ends, and what is known inside the part follows as pieces of its own. */
    KnownPieces unknown(List<String> inside) {
        if (!piece.isEmpty()) {
            pieces.add(piece.toString());
            piece.setLength(0);
        }
        pieces.addAll(inside);
        return this;
    }

    /** The length of the piece in progress. */
    int current() {
        return piece.length();
    }

    /** The pieces, none of them empty. */
    List<String> pieces() {
        unknown(List.of());
        pieces.removeIf(String::isEmpty);
        return pieces;
    }
}
