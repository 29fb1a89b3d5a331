// Marks an English string written in the core as user-visible text to translate. The core
// never translates (it holds no Qt): the app looks the string up at run time with
// QCoreApplication::translate(context, text), and lupdate collects every marked string into the
// .ts files because the build tells it that this macro is QT_TRANSLATE_NOOP
// (-tr-function-alias, app/CMakeLists.txt). Contexts: "CoreErrors" (core::Error formats),
// "VariantLabels" (variant and family names), "Params" (parameter labels and descriptions),
// "CostTerms" (names of cost terms).
#pragma once

#define ATLAS_TR_NOOP(context, text) text
