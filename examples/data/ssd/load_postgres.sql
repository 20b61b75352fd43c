-- The tables of this folder in schema ssd_development: cd here, then
--   psql -v ON_ERROR_STOP=1 -f load_postgres.sql
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS ssd_development;
DROP TABLE IF EXISTS ssd_development.ssd_person;
CREATE TABLE ssd_development.ssd_person (
  pers_person_id varchar(48) PRIMARY KEY,
  pers_sex varchar(20),
  pers_ethnicity varchar(48),
  pers_dob timestamp,
  pers_expected_dob timestamp,
  pers_death_date timestamp,
  pers_forename varchar(100)
);
\copy ssd_development.ssd_person FROM 'ssd_person.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_department;
CREATE TABLE ssd_development.ssd_department (
  dept_team_id varchar(48) PRIMARY KEY,
  dept_team_name varchar(255)
);
\copy ssd_development.ssd_department FROM 'ssd_department.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_professionals;
CREATE TABLE ssd_development.ssd_professionals (
  prof_professional_id varchar(48) PRIMARY KEY,
  prof_staff_id varchar(48),
  prof_professional_name varchar(300)
);
\copy ssd_development.ssd_professionals FROM 'ssd_professionals.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_involvements;
CREATE TABLE ssd_development.ssd_involvements (
  invo_involvements_id varchar(48) PRIMARY KEY,
  invo_professional_id varchar(48),
  invo_professional_team varchar(48),
  invo_person_id varchar(48),
  invo_involvement_start_date timestamp,
  invo_involvement_end_date timestamp
);
\copy ssd_development.ssd_involvements FROM 'ssd_involvements.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_contacts;
CREATE TABLE ssd_development.ssd_contacts (
  cont_contact_id varchar(48) PRIMARY KEY,
  cont_person_id varchar(48),
  cont_contact_date timestamp,
  cont_contact_source_code varchar(48),
  cont_contact_outcome_json varchar(4000)
);
\copy ssd_development.ssd_contacts FROM 'ssd_contacts.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_cin_episodes;
CREATE TABLE ssd_development.ssd_cin_episodes (
  cine_referral_id varchar(48) PRIMARY KEY,
  cine_person_id varchar(48),
  cine_referral_date timestamp,
  cine_cin_primary_need_code varchar(3),
  cine_referral_nfa char(1),
  cine_close_reason varchar(100),
  cine_close_date timestamp
);
\copy ssd_development.ssd_cin_episodes FROM 'ssd_cin_episodes.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_cin_assessments;
CREATE TABLE ssd_development.ssd_cin_assessments (
  cina_assessment_id varchar(48) PRIMARY KEY,
  cina_person_id varchar(48),
  cina_referral_id varchar(48),
  cina_assessment_start_date timestamp,
  cina_assessment_child_seen char(1),
  cina_assessment_auth_date timestamp
);
\copy ssd_development.ssd_cin_assessments FROM 'ssd_cin_assessments.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_s47_enquiry;
CREATE TABLE ssd_development.ssd_s47_enquiry (
  s47e_s47_enquiry_id varchar(48) PRIMARY KEY,
  s47e_referral_id varchar(48),
  s47e_person_id varchar(48),
  s47e_s47_start_date timestamp,
  s47e_s47_end_date timestamp
);
\copy ssd_development.ssd_s47_enquiry FROM 'ssd_s47_enquiry.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_initial_cp_conference;
CREATE TABLE ssd_development.ssd_initial_cp_conference (
  icpc_icpc_id varchar(48) PRIMARY KEY,
  icpc_s47_enquiry_id varchar(48),
  icpc_person_id varchar(48),
  icpc_icpc_target_date timestamp,
  icpc_icpc_date timestamp,
  icpc_icpc_outcome_cp_flag char(1)
);
\copy ssd_development.ssd_initial_cp_conference FROM 'ssd_initial_cp_conference.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_cp_plans;
CREATE TABLE ssd_development.ssd_cp_plans (
  cppl_cp_plan_id varchar(48) PRIMARY KEY,
  cppl_icpc_id varchar(48),
  cppl_person_id varchar(48),
  cppl_cp_plan_start_date timestamp,
  cppl_cp_plan_end_date timestamp,
  cppl_cp_plan_initial_category varchar(100)
);
\copy ssd_development.ssd_cp_plans FROM 'ssd_cp_plans.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_cp_reviews;
CREATE TABLE ssd_development.ssd_cp_reviews (
  cppr_cp_review_id varchar(48) PRIMARY KEY,
  cppr_person_id varchar(48),
  cppr_cp_plan_id varchar(48),
  cppr_cp_review_date timestamp,
  cppr_cp_review_outcome_continue_cp char(1)
);
\copy ssd_development.ssd_cp_reviews FROM 'ssd_cp_reviews.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_cp_visits;
CREATE TABLE ssd_development.ssd_cp_visits (
  cppv_cp_visit_id varchar(48) PRIMARY KEY,
  cppv_person_id varchar(48),
  cppv_cp_plan_id varchar(48),
  cppv_cp_visit_date timestamp,
  cppv_cp_visit_seen char(1),
  cppv_cp_visit_seen_alone char(1)
);
\copy ssd_development.ssd_cp_visits FROM 'ssd_cp_visits.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_cla_visits;
CREATE TABLE ssd_development.ssd_cla_visits (
  clav_cla_visit_id varchar(48) PRIMARY KEY,
  clav_cla_id varchar(48),
  clav_person_id varchar(48),
  clav_cla_visit_date timestamp,
  clav_cla_visit_seen char(1),
  clav_cla_visit_seen_alone char(1)
);
\copy ssd_development.ssd_cla_visits FROM 'ssd_cla_visits.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_cin_visits;
CREATE TABLE ssd_development.ssd_cin_visits (
  cinv_cin_visit_id varchar(48) PRIMARY KEY,
  cinv_person_id varchar(48),
  cinv_cin_visit_date timestamp,
  cinv_cin_visit_seen char(1),
  cinv_cin_visit_seen_alone char(1)
);
\copy ssd_development.ssd_cin_visits FROM 'ssd_cin_visits.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_cla_episodes;
CREATE TABLE ssd_development.ssd_cla_episodes (
  clae_cla_episode_id varchar(48) PRIMARY KEY,
  clae_person_id varchar(48),
  clae_cla_episode_start_date timestamp,
  clae_cla_episode_start_reason varchar(100),
  clae_cla_primary_need_code varchar(3),
  clae_cla_episode_ceased_date timestamp,
  clae_cla_episode_ceased_reason varchar(255),
  clae_cla_id varchar(48)
);
\copy ssd_development.ssd_cla_episodes FROM 'ssd_cla_episodes.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_cla_placement;
CREATE TABLE ssd_development.ssd_cla_placement (
  clap_cla_placement_id varchar(48) PRIMARY KEY,
  clap_cla_id varchar(48),
  clap_person_id varchar(48),
  clap_cla_placement_start_date timestamp,
  clap_cla_placement_type varchar(100),
  clap_cla_placement_end_date timestamp
);
\copy ssd_development.ssd_cla_placement FROM 'ssd_cla_placement.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_cla_reviews;
CREATE TABLE ssd_development.ssd_cla_reviews (
  clar_cla_review_id varchar(48) PRIMARY KEY,
  clar_cla_id varchar(48),
  clar_cla_person_id varchar(48),
  clar_cla_review_date timestamp,
  clar_cla_review_cancelled char(1)
);
\copy ssd_development.ssd_cla_reviews FROM 'ssd_cla_reviews.csv' WITH (FORMAT csv, HEADER true)
DROP TABLE IF EXISTS ssd_development.ssd_cla_health;
CREATE TABLE ssd_development.ssd_cla_health (
  clah_health_check_id varchar(48) PRIMARY KEY,
  clah_person_id varchar(48),
  clah_health_check_type varchar(500),
  clah_health_check_date timestamp,
  clah_health_check_status varchar(48)
);
\copy ssd_development.ssd_cla_health FROM 'ssd_cla_health.csv' WITH (FORMAT csv, HEADER true)
