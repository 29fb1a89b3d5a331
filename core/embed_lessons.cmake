# Writes OUT, a C++ source holding every lesson file of LESSONS (a ;-list of paths) as a string,
# so that the core (and the command line, which has no Qt resources) carries the built-in
# lessons. Run at build time by core/CMakeLists.txt: a changed lesson is embedded again.
set(body "")
foreach(path IN LISTS LESSONS)
  get_filename_component(name "${path}" NAME_WE)
  file(READ "${path}" text)
  string(APPEND body "      {\"${name}\", R\"atlas_lesson(${text})atlas_lesson\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from resources/lessons/*.json by core/embed_lessons.cmake: do not edit.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace atlas::core {

const std::vector<std::pair<std::string, std::string_view>>& builtinLessonTexts() {
  static const std::vector<std::pair<std::string, std::string_view>> lessons = {
${body}  };
  return lessons;
}

}  // namespace atlas::core
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
