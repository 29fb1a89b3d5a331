# Writes a man page from its hand-written template and the executable's own --help, so that its
# options are always the real ones:
#   cmake -DEXE=attention-atlas -DTEMPLATE=attention-atlas.1.in -DOUT=attention-atlas.1 -P man_page.cmake
# In the template, @OPTIONS@ becomes the options of `EXE --help` ("options:" or "window
# options:"), and @COMMANDS@ one subsection per command of its "commands:" list, with the
# command's usage and the options of `EXE COMMAND --help`.

cmake_policy(VERSION 3.25)  # "@OPTIONS@" below is text, not a variable

# Lines of `text` as a list; a ';' inside a line is kept as @SEMI@ (restored by roff()).
function(split_lines out text)
  string(REPLACE ";" "@SEMI@" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Plain help text as roff: backslashes, dashes of options, a leading dot or quote.
function(roff out text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "--" "\\-\\-" text "${text}")
  string(REGEX REPLACE "^([.'])" "\\\\&\\1" text "${text}")
  string(REPLACE "@SEMI@" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(run_help out)
  execute_process(COMMAND ${EXE} ${ARGN} --help OUTPUT_VARIABLE text RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "man_page: ${EXE} ${ARGN} --help failed (${code})")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# The option lines under `heading` in `text` ("  --name VALUE   help", the help on the next
# line when the name is long) as .TP paragraphs.
function(options_roff out text heading)
  split_lines(lines "${text}")
  set(in FALSE)
  set(result "")
  foreach(line IN LISTS lines)
    if(line STREQUAL "${heading}")
      set(in TRUE)
    elseif(in AND line STREQUAL "")
      break()
    elseif(in AND line MATCHES "^  --([A-Za-z0-9-]+)( ([^ ]+))?( +(.*))?$")
      set(name "${CMAKE_MATCH_1}")
      set(value "${CMAKE_MATCH_3}")
      set(help "${CMAKE_MATCH_5}")
      string(REPLACE "-" "\\-" name "${name}")
      roff(value "${value}")
      roff(help "${help}")
      string(APPEND result ".TP\n\\fB\\-\\-${name}\\fR")
      if(NOT value STREQUAL "")
        string(APPEND result " \\fI${value}\\fR")
      endif()
      if(NOT help STREQUAL "")  # else on the next line
        string(APPEND result "\n${help}\n")
      endif()
    elseif(in AND line MATCHES "^ +(.*)$")  # the help of a long option
      roff(more "${CMAKE_MATCH_1}")
      string(APPEND result "\n${more}\n")
    endif()
  endforeach()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

run_help(top)
if(top MATCHES "\nwindow options:\n")
  options_roff(OPTIONS "${top}" "window options:")
  set(OPTIONS "These options start the window.\n${OPTIONS}")
else()
  options_roff(OPTIONS "${top}" "options:")
endif()

set(COMMANDS "")
split_lines(lines "${top}")
set(in FALSE)
foreach(line IN LISTS lines)
  if(line STREQUAL "commands:")
    set(in TRUE)
  elseif(in AND line STREQUAL "")
    break()
  elseif(in AND line MATCHES "^  ([a-z-]+) +(.*)$")
    set(command "${CMAKE_MATCH_1}")
    roff(summary "${CMAKE_MATCH_2}")
    run_help(help ${command})
    # The usage lines: "usage: LINE" and the lines indented under it.
    split_lines(helpLines "${help}")
    set(usage "")
    foreach(h IN LISTS helpLines)
      if(h MATCHES "^usage: (.*)$")
        roff(u "${CMAKE_MATCH_1}")
        string(APPEND usage "\\fB${u}\\fR\n")
      elseif(NOT usage STREQUAL "" AND h MATCHES "^       (.*)$")
        roff(u "${CMAKE_MATCH_1}")
        string(APPEND usage ".br\n\\fB${u}\\fR\n")
      elseif(NOT usage STREQUAL "")
        break()
      endif()
    endforeach()
    options_roff(options "${help}" "options:")
    string(APPEND COMMANDS ".SS ${command}\n${summary}.\n.PP\n${usage}${options}")
  endif()
endforeach()

file(READ ${TEMPLATE} page)
string(REPLACE "@OPTIONS@" "${OPTIONS}" page "${page}")
string(REPLACE "@COMMANDS@" "${COMMANDS}" page "${page}")
string(REPLACE "@VERSION@" "${VERSION}" page "${page}")
file(WRITE ${OUT} "${page}")
