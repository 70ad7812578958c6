package io.marketstreams.jobs.core.linking;

import java.util.HashMap;
import java.util.Map;

/** Union-find over string nodes; roots are chosen by string order so they are deterministic. */
final class UnionFind {
    private final Map<String, String> parent = new HashMap<>();

    void add(String node) {
        parent.putIfAbsent(node, node);
    }

    String find(String node) {
        add(node);
        String root = node;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        String cur = node;
        while (!cur.equals(root)) {
            String next = parent.get(cur);
            parent.put(cur, root);
            cur = next;
        }
        return root;
    }

    void union(String a, String b) {
        String ra = find(a);
        String rb = find(b);
        if (ra.equals(rb)) {
            return;
        }
        if (ra.compareTo(rb) < 0) {
            parent.put(rb, ra);
        } else {
            parent.put(ra, rb);
        }
    }
}
