# Includes point down the pipeline (docs/architecture.md): a file may include headers of its own
# stage and of the stages before it, never of a later one. Run by ctest as `layout.include_order`:
#   cmake -DSOURCE_DIR=<repository> -P tests/layout/include_order.cmake
# Every file of grammar/, engine/ and cli/ is read; tests/ may include anything.

# The stages in pipeline order, each with the paths it owns: folders of the source tree and the
# public headers (engine/include/duly/) that belong to it. A path is matched from its start.
set(stages diagnostics grammar time check sources evaluate reports policy_tests cli python host)
set(diagnostics_paths engine/diagnostics/ duly/source_position.hpp duly/diagnostic.hpp duly/limits.hpp
  duly/logging.hpp duly/source_text.hpp duly/version.hpp duly/export.hpp)
set(grammar_paths grammar/ duly/format.hpp)
set(time_paths engine/time/ duly/date.hpp duly/calendar.hpp duly/duration.hpp)
set(check_paths engine/check/ duly/policy.hpp duly/load.hpp)
set(sources_paths engine/sources/ duly/timeline_sink.hpp duly/timeline.hpp duly/sources.hpp
  duly/input_summary.hpp duly/source_kinds.hpp duly/collected_timeline.hpp
  duly/data_checks.hpp)
set(evaluate_paths engine/evaluate/ duly/evaluate.hpp duly/obligation.hpp duly/indicator.hpp
  duly/parallel.hpp)
set(reports_paths engine/reports/ duly/report.hpp duly/target_check.hpp duly/timeline_csv.hpp
  duly/explain.hpp duly/reminders.hpp duly/policy_diff.hpp)
set(policy_tests_paths engine/policy_tests/ duly/policy_test.hpp)
set(cli_paths cli/)
set(python_paths python/)  # the Python package: a client of the library, like the program
set(host_paths duly/duly.hpp)  # the umbrella header: for host programs, never the library

# Sets `out` to the index of the stage owning `path` (relative to the repository, or as written
# in an include), or -1 when no stage owns it (a standard or third-party header).
function(stage_of path out)
  string(REGEX REPLACE "^engine/include/" "" path "${path}")
  set(index 0)
  foreach(stage IN LISTS stages)
    foreach(prefix IN LISTS ${stage}_paths)
      string(FIND "${path}" "${prefix}" at)
      if(at EQUAL 0)
        set(${out} ${index} PARENT_SCOPE)
        return()
      endif()
    endforeach()
    math(EXPR index "${index} + 1")
  endforeach()
  set(${out} -1 PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE files RELATIVE "${SOURCE_DIR}"
  "${SOURCE_DIR}/grammar/*.[ch]pp" "${SOURCE_DIR}/engine/*.[ch]pp" "${SOURCE_DIR}/cli/*.[ch]pp"
  "${SOURCE_DIR}/python/*.[ch]pp")
list(SORT files)
set(upward "")
set(unowned "")
foreach(file IN LISTS files)
  stage_of("${file}" file_stage)
  if(file_stage EQUAL -1)
    list(APPEND unowned "${file}")
    continue()
  endif()
  list(GET stages ${file_stage} file_stage_name)
  get_filename_component(folder "${file}" DIRECTORY)
  file(STRINGS "${SOURCE_DIR}/${file}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*" "\\1" header "${line}")
    # "commands.hpp" beside the file: resolve it against the file's folder first.
    if(NOT header MATCHES "/" AND EXISTS "${SOURCE_DIR}/${folder}/${header}")
      set(header "${folder}/${header}")
    endif()
    stage_of("${header}" header_stage)
    if(header_stage GREATER file_stage)
      list(GET stages ${header_stage} header_stage_name)
      list(APPEND upward
        "  ${file} (${file_stage_name}) includes ${header} (${header_stage_name})")
    endif()
  endforeach()
endforeach()

if(unowned)
  list(JOIN unowned "\n  " unowned)
  message(FATAL_ERROR "no stage owns these files (add them to tests/layout/include_order.cmake "
    "and docs/architecture.md):\n  ${unowned}")
endif()
if(upward)
  list(JOIN upward "\n" upward)
  message(FATAL_ERROR "includes that point up the pipeline:\n${upward}")
endif()
list(LENGTH files count)
message(STATUS "${count} files, every include points down the pipeline")
