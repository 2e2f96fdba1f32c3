package org.radarbeam.pipeline;

import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableNode;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jhdf 0.13.0's writer appends its info block right after the last dataset's raw data, which
 * corrupts any object header written after it. Writing datasets last avoids that: this reorders
 * every group's children (attribute-only groups first) before the file is closed.
 */
final class JhdfWriterOrder {
  private JhdfWriterOrder() {}

  static void datasetsLast(WritableHdfFile file) {
    try {
      Field root = WritableHdfFile.class.getDeclaredField("rootGroup");
      root.setAccessible(true);
      reorder(root.get(file));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("jhdf internals changed: " + e, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void reorder(Object group) throws ReflectiveOperationException {
    Field f = group.getClass().getDeclaredField("children");
    f.setAccessible(true);
    Map<String, WritableNode> children = (Map<String, WritableNode>) f.get(group);
    List<Map.Entry<String, WritableNode>> entries = new ArrayList<>(children.entrySet());
    entries.sort((a, b) -> Boolean.compare(holdsData(a.getValue()), holdsData(b.getValue())));
    Map<String, WritableNode> ordered = new LinkedHashMap<>();
    for (Map.Entry<String, WritableNode> e : entries) {
      ordered.put(e.getKey(), e.getValue());
      if (e.getValue() instanceof Group) {
        reorder(e.getValue());
      }
    }
    f.set(group, ordered);
  }

  private static boolean holdsData(Node n) {
    if (n instanceof Dataset) {
      return true;
    }
    if (n instanceof Group) {
      for (Node c : ((Group) n).getChildren().values()) {
        if (holdsData(c)) {
          return true;
        }
      }
    }
    return false;
  }
}
