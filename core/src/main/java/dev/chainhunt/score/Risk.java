package dev.chainhunt.score;

import dev.chainhunt.model.Verdict;

import java.util.List;

/** A target's score from 0 to 10, the verdict it implies and the findings that drove it, strongest first. */
public record Risk(double score, Verdict verdict, List<String> reasons) {

    public Risk {
        reasons = List.copyOf(reasons);
    }
}
