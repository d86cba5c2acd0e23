package diandan.port;

import java.util.List;

import diandan.domain.Area;
import diandan.domain.Category;

/** Areas and categories as stored; built-in categories exist without being stored. */
public interface RegistryRepository {
    List<Area> areas();

    /** Local categories, and built-in ones an admin changed. */
    List<Category> storedCategories();

    void putArea(Area area);

    void putCategory(Category category);
}
