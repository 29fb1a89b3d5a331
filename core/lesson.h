// Lessons: a versioned JSON file of scenes (docs/lessons.md). A scene is what the window shows
// at one step of a class: a variant, its inputs (generated, or hand-set matrices with labels in
// both languages), its parameters, the view and the walkthrough's step, with a title and a
// caption in English and Chinese.
#pragma once

#include "inputs.h"
#include "params.h"
#include "request_builder.h"
#include "variant.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atlas::core {

/// A text in both languages; `of` falls back to the English when the other is missing.
struct LocalText {
  std::string en, zh;
  const std::string& of(std::string_view language) const {
    return language.rfind("zh", 0) == 0 && !zh.empty() ? zh : en;
  }
  bool operator==(const LocalText&) const = default;
};

/// Labels of hand-set rows, per language (either may be empty: then the other is used).
struct LocalLabels {
  std::vector<std::string> en, zh;
  const std::vector<std::string>& of(std::string_view language) const {
    return language.rfind("zh", 0) == 0 && !zh.empty() ? zh : en;
  }
  bool operator==(const LocalLabels&) const = default;
};

struct Scene {
  LocalText title, caption;
  const Variant* variant = nullptr;
  /// The variant's parameters: its defaults with the scene's values (matrices as given); the
  /// seed is the inputs' seed.
  ParamSet params;
  /// Generated inputs (random, positional, clustered, sentence); unused when `matrices` is set.
  InputSpec spec;
  /// Hand-set Q, K, V (the "matrices" source), without labels.
  std::shared_ptr<const Inputs> matrices;
  LocalLabels queryLabels, keyLabels;
  std::string view = "heatmap";  ///< the view's id (the app checks it)
  std::string page;  ///< the view's page ("roofline" of the complexity view); "": its first
  /// The variants a view of several draws (the complexity view's curves, the gallery's
  /// cells), in order; empty: the view's own choice.
  std::vector<const Variant*> compare;
  int step = 0;  ///< the walkthrough's (or the teaching view's flash) step, 0: the first

  /// The hand-set inputs with their labels in `language`; nullptr for generated inputs.
  std::shared_ptr<const Inputs> inputsIn(std::string_view language) const;
  /// The scene's one job, as the window and the command line compute it.
  EngineRequest request(std::string_view language, const RequestLimits& limits) const;
};

struct Lesson {
  static constexpr int kVersion = 1;  ///< the version this build reads and writes
  LocalText title;
  std::vector<Scene> scenes;
};

/// The lesson in `text` (a document named `name` in errors). Throws Error(BadFile) with one
/// sentence for malformed JSON, another format or an unknown version, a scene that names an
/// unknown variant or parameter, a value out of range, matrices of the wrong shape or labels that
/// do not count the rows: nothing of a bad file is used.
Lesson parseLesson(std::string_view text, const std::string& name);

/// The lesson as JSON: what parseLesson reads back to the same lesson (a parameter is written
/// when it differs from the variant's default or is a matrix the scene gives).
std::string lessonToJson(const Lesson& lesson);

/// The lessons built into the application (resources/lessons/NAME.json): their names, and one
/// by name or a file by path.
const std::vector<std::string>& builtinLessonNames();
/// `nameOrPath`: a built-in lesson's name, else a file. Throws Error(BadFile).
Lesson loadLesson(const std::string& nameOrPath);
/// Writes the lesson to `path` through a temporary file renamed over it: a failure leaves the
/// old file as it was. Throws Error(BadFile).
void saveLesson(const Lesson& lesson, const std::string& path);

}  // namespace atlas::core
