// Lesson files and the window's lesson recovery file (the same format): a lesson that reads
// is written and read back to the same JSON.
#include "fuzz_target.h"

#include "core/lesson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  atlas::fuzz::refusalOnly([&] {
    const auto lesson = atlas::core::parseLesson(atlas::fuzz::text(data, size), "fuzz.json");
    const std::string once = atlas::core::lessonToJson(lesson);
    if (atlas::core::lessonToJson(atlas::core::parseLesson(once, "again")) != once)
      __builtin_trap();
  });
  return 0;
}
