package dev.chainhunt.score;

import dev.chainhunt.model.Verdict;

import java.util.List;

/**
 * A target's score from 0 to 10, the verdict it implies, the findings that drove it (strongest
 * first) and the attack chain they form, step by step (how it starts → what it hides → what it
 * fetches → what it runs → what it takes → where it sends it).
 */
public record Risk(double score, Verdict verdict, List<String> reasons, List<String> chain) {

    public Risk {
        reasons = List.copyOf(reasons);
        chain = List.copyOf(chain);
    }
}
